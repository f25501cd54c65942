// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.database.DatabaseException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link Database} over a JDBC {@link DataSource} (on the server, Liberty's pooled one). Each call
 * takes a connection from the pool and returns it; every statement is a {@link PreparedStatement}
 * with the time limit as its query timeout and the row limit plus one as its max rows, so that a
 * query over the limit is detected without reading the rest of its result.
 */
public final class JdbcDatabase implements Database {
    private final String name;
    private final DataSource dataSource;
    private final DatabaseLimits limits;

    public JdbcDatabase(String name, DataSource dataSource, DatabaseLimits limits) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String name() {
        return name;
    }

    public DatabaseLimits limits() {
        return limits;
    }

    @Override
    public QueryResult query(String sql, List<?> params) {
        try (Connection connection = connect()) {
            return query(connection, sql, params);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public ExecResult exec(String sql, List<?> params) {
        try (Connection connection = connect()) {
            return exec(connection, sql, params);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public List<StatementResult> transaction(List<SqlStatement> statements) {
        if (statements.isEmpty()) {
            throw new DatabaseException(Reason.REQUEST, "a transaction needs at least one statement");
        }
        if (statements.size() > limits.maxStatements()) {
            throw new DatabaseException(Reason.REQUEST, "a transaction of " + statements.size() + " statements is more than "
                    + limits.maxStatements() + " (capa.database." + name + ".max-statements)");
        }
        try (Connection connection = connect()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<StatementResult> results = new ArrayList<>(statements.size());
                for (int i = 0; i < statements.size(); i++) {
                    results.add(run(connection, statements.get(i), i));
                }
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private StatementResult run(Connection connection, SqlStatement statement, int index) {
        try {
            return statement.operation() == SqlStatement.Operation.QUERY
                    ? query(connection, statement.sql(), statement.params())
                    : exec(connection, statement.sql(), statement.params());
        } catch (SQLException e) {
            throw failure(e).inStatement(index);
        } catch (DatabaseException e) {
            throw e.inStatement(index);
        }
    }

    private QueryResult query(Connection connection, String sql, List<?> params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            statement.setMaxRows(limits.maxRows() + 1);
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Column> columns = SqlValues.columns(meta);
                List<List<Object>> result = new ArrayList<>();
                while (rows.next()) {
                    if (result.size() == limits.maxRows()) {
                        throw new DatabaseException(Reason.TOO_MANY_ROWS, "the query answers more than " + limits.maxRows()
                                + " rows (capa.database." + name + ".max-rows): narrow it with WHERE or LIMIT");
                    }
                    result.add(SqlValues.row(rows, meta));
                }
                return new QueryResult(columns, result);
            }
        }
    }

    private ExecResult exec(Connection connection, String sql, List<?> params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return new ExecResult(statement.executeLargeUpdate());
        }
    }

    private PreparedStatement prepare(Connection connection, String sql, List<?> params) throws SQLException {
        if (sql == null || sql.isBlank()) {
            throw new DatabaseException(Reason.REQUEST, "the statement has no SQL");
        }
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(limits.timeoutSeconds());
            SqlValues.bind(statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            Reason reason = SqlErrors.reason(e);
            // no connection is an outage whatever the pool calls it (Liberty: J2CA0045E, a timeout of its own)
            throw new DatabaseException(reason == Reason.STATEMENT || reason == Reason.TIMEOUT || reason == Reason.INTERNAL
                    ? Reason.UNAVAILABLE : reason, "database " + name + " is not available: " + SqlErrors.message(e),
                    SqlErrors.state(e), -1, e);
        }
    }

    private DatabaseException failure(SQLException e) {
        Reason reason = SqlErrors.reason(e);
        String message = switch (reason) {
            case TIMEOUT -> "the statement ran longer than " + limits.timeoutSeconds() + " s (capa.database." + name
                    + ".timeout-seconds) and was cancelled";
            case UNAVAILABLE -> "database " + name + " is not available: " + SqlErrors.message(e);
            default -> SqlErrors.message(e);
        };
        return new DatabaseException(reason, message, SqlErrors.state(e), -1, e);
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is likely broken; the pool discards it, and the first failure is what the caller needs
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // a broken connection: the pool validates it before it hands it out again
        }
    }
}
