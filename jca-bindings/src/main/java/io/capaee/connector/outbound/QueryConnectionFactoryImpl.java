// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.query.QueryException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/** The {@link QueryConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class QueryConnectionFactoryImpl implements QueryConnectionFactory, Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final QueryManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    QueryConnectionFactoryImpl(QueryManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public QueryConnection getConnection() {
        try {
            return (QueryConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            throw new QueryException("cannot get a query connection (" + factory.describe() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
