// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryException;
import io.capaee.connector.QueryEngine;
import java.util.Objects;

/** The {@link QueryConnection} an application holds; delegates to its managed connection. */
public final class QueryConnectionHandle extends BackendConnectionHandle<QueryEngine> implements QueryConnection {

    public QueryConnectionHandle() {
        super(QueryException::new);
    }

    @Override
    public String query(String statement) {
        Objects.requireNonNull(statement, "statement");
        return backend().query(statement);
    }
}
