// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryException;
import java.util.Objects;

/** The {@link QueryConnection} an application holds; delegates to its managed connection. */
public final class QueryConnectionHandle extends ConnectionHandle implements QueryConnection {

    @Override
    public String query(String statement) {
        Objects.requireNonNull(statement, "statement");
        return ((QueryManagedConnection) owner()).engine().query(statement);
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new QueryException(problem);
    }
}
