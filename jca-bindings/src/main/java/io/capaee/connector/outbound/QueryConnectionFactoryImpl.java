// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.query.QueryException;
import jakarta.resource.spi.ConnectionManager;

/** The {@link QueryConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class QueryConnectionFactoryImpl extends ConnectionFactoryBase<QueryConnection> implements QueryConnectionFactory {
    private static final long serialVersionUID = 1L;

    QueryConnectionFactoryImpl(QueryManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, QueryConnection.class, QueryException::new);
    }
}
