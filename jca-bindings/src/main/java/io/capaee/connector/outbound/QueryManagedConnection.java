// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.connector.QueryEngine;

/** A logical query connection on the factory's shared {@link QueryEngine}. */
public final class QueryManagedConnection extends ManagedConnectionBase {
    private final QueryEngine engine;

    QueryManagedConnection(QueryManagedConnectionFactory factory, QueryEngine engine) {
        super(factory);
        this.engine = engine;
    }

    QueryEngine engine() {
        return engine;
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new QueryConnectionHandle();
    }

    @Override
    protected String describe() {
        return engine.describe();
    }
}
