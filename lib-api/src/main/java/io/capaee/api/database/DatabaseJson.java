// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The JSON answers of the database HTTP API. A query answers {@code columns} (name, the database's
 * type, the JDBC type) and {@code rows} (arrays in column order); an exec answers {@code rowsAffected};
 * a transaction answers {@code results}, one of those per statement. Each carries Dapr's binding
 * {@code metadata} (operation, sql, start-time, end-time, duration, rows-affected).
 *
 * <p>Values: numbers as JSON numbers (decimals exactly as the database has them), booleans, strings,
 * binary as base64 strings, dates and times as ISO-8601 strings, SQL NULL as null; a floating-point
 * NaN or infinity, which JSON cannot write, as the string {@code "NaN"}, {@code "Infinity"}.
 */
public final class DatabaseJson {
    private static final JsonProvider JSON = Jsonp.provider();

    private DatabaseJson() {}

    /** The answer to one statement, or to a transaction (several). */
    public static JsonObject answer(DatabaseRequest request, List<StatementResult> results, Instant start, Instant end) {
        JsonObjectBuilder metadata = JSON.createObjectBuilder()
                .add("operation", request.operation().wireName());
        JsonObjectBuilder body;
        if (request.operation() == DatabaseRequest.Operation.TRANSACTION) {
            JsonArrayBuilder each = JSON.createArrayBuilder();
            results.forEach(r -> each.add(result(r)));
            body = JSON.createObjectBuilder().add("results", each);
            metadata.add("statements", Integer.toString(results.size()));
        } else {
            StatementResult result = results.get(0);
            body = JSON.createObjectBuilder(result(result));
            metadata.add("sql", request.statements().get(0).sql());
            if (result instanceof ExecResult exec) {
                metadata.add("rows-affected", Long.toString(exec.rowsAffected()));
            }
        }
        metadata.add("start-time", start.toString())
                .add("end-time", end.toString())
                .add("duration", duration(Duration.between(start, end)));
        return body.add("metadata", metadata).build();
    }

    static JsonObject result(StatementResult result) {
        if (result instanceof ExecResult exec) {
            return JSON.createObjectBuilder().add("rowsAffected", exec.rowsAffected()).build();
        }
        QueryResult query = (QueryResult) result;
        JsonArrayBuilder columns = JSON.createArrayBuilder();
        for (Column c : query.columns()) {
            columns.add(JSON.createObjectBuilder().add("name", c.name()).add("type", c.type()).add("jdbcType", c.jdbcType()));
        }
        JsonArrayBuilder rows = JSON.createArrayBuilder();
        for (List<Object> row : query.rows()) {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            row.forEach(v -> add(values, v));
            rows.add(values);
        }
        return JSON.createObjectBuilder().add("columns", columns).add("rows", rows).build();
    }

    static void add(JsonArrayBuilder values, Object v) {
        if (v == null) {
            values.addNull();
        } else if (v instanceof Long l) {
            values.add(l.longValue());
        } else if (v instanceof BigDecimal d) {
            values.add(d);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                values.add(d.toString());
            } else {
                values.add(d.doubleValue());
            }
        } else if (v instanceof Boolean b) {
            values.add(b.booleanValue());
        } else if (v instanceof byte[] bytes) {
            values.add(Base64.getEncoder().encodeToString(bytes));
        } else {
            // String, and java.time values in ISO-8601 (their toString)
            values.add(v.toString());
        }
    }

    /** As Go prints a duration, which Dapr's metadata has: {@code 1.234ms}. */
    static String duration(Duration d) {
        return String.format(Locale.ROOT, "%.3fms", d.toNanos() / 1e6);
    }
}
