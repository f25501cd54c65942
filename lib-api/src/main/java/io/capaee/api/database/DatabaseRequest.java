// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.database.DatabaseException.Reason;
import io.capaee.api.json.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A request of the database HTTP API, read from its JSON body. Two shapes, one meaning:
 * <ul>
 *   <li>ours, with the operation in the path: {@code {"sql": "...", "params": [...]}}, and for a
 *       transaction {@code {"statements": [{"operation": "exec", "sql": "...", "params": [...]}, ...]}};</li>
 *   <li>Dapr's PostgreSQL/MySQL binding request: {@code {"operation": "exec", "metadata": {"sql": "...",
 *       "params": "[...]"}}}, where {@code params} is a JSON array written as a string.</li>
 * </ul>
 * A parameter is a JSON string, number (whole: a {@code Long}; else an exact {@code BigDecimal}),
 * boolean or null, or a typed value {@code {"type": "bytes"|"timestamp"|"date"|"time"|"decimal", "value": "..."}}
 * for what JSON has no literal for (bytes in base64, ISO-8601 dates and times).
 *
 * @param operation what to do
 * @param statements the statement (one, for query and exec), the statements (transaction), none (close)
 */
public record DatabaseRequest(Operation operation, List<SqlStatement> statements) {
    /** The operations of the API: Dapr's binding operations, and transactions. */
    public enum Operation {
        QUERY, EXEC, TRANSACTION, CLOSE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Operation of(String name) {
            for (Operation o : values()) {
                if (o.wireName().equals(name)) {
                    return o;
                }
            }
            throw malformed("unknown operation '" + name + "': query, exec, transaction or close");
        }
    }

    public DatabaseRequest {
        statements = List.copyOf(statements);
    }

    /**
     * Reads a request.
     *
     * @param pathOperation the operation named in the path, or null when the body names it
     * @param body the request body
     * @throws DatabaseException of reason {@link Reason#REQUEST} naming what is wrong
     */
    public static DatabaseRequest parse(String pathOperation, String body) {
        Operation fromPath = pathOperation == null ? null : Operation.of(pathOperation);
        if (fromPath == Operation.CLOSE) {
            return new DatabaseRequest(Operation.CLOSE, List.of());
        }
        JsonObject request = object(body);
        Operation operation = fromPath;
        JsonValue named = request.get("operation");
        if (named != null && named != JsonValue.NULL) {
            if (!(named instanceof JsonString s)) {
                throw malformed("'operation' must be a string");
            }
            Operation fromBody = Operation.of(s.getString());
            if (operation != null && operation != fromBody) {
                throw malformed("the path says " + operation.wireName() + " but the body's 'operation' says " + fromBody.wireName());
            }
            operation = fromBody;
        }
        if (operation == null) {
            throw malformed("the request needs an 'operation': query, exec, transaction or close");
        }
        return switch (operation) {
            case CLOSE -> new DatabaseRequest(Operation.CLOSE, List.of());
            case QUERY -> new DatabaseRequest(operation, List.of(statement(SqlStatement.Operation.QUERY, request, "")));
            case EXEC -> new DatabaseRequest(operation, List.of(statement(SqlStatement.Operation.EXEC, request, "")));
            case TRANSACTION -> new DatabaseRequest(operation, statements(request));
        };
    }

    private static List<SqlStatement> statements(JsonObject request) {
        JsonValue value = request.get("statements");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw malformed("a transaction needs 'statements': a non-empty array of {\"operation\", \"sql\", \"params\"}");
        }
        List<SqlStatement> statements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String where = "statements[" + i + "].";
            if (!(array.get(i) instanceof JsonObject statement)) {
                throw malformed("statements[" + i + "] must be an object");
            }
            JsonValue op = statement.get("operation");
            if (!(op instanceof JsonString s)) {
                throw malformed("'" + where + "operation' must be \"query\" or \"exec\"");
            }
            SqlStatement.Operation kind = switch (s.getString()) {
                case "query" -> SqlStatement.Operation.QUERY;
                case "exec" -> SqlStatement.Operation.EXEC;
                default -> throw malformed("'" + where + "operation' must be \"query\" or \"exec\", got '" + s.getString() + "'");
            };
            statements.add(statement(kind, statement, where));
        }
        return statements;
    }

    /** A statement whose sql and params are members of {@code request} or of its Dapr-style {@code metadata}. */
    private static SqlStatement statement(SqlStatement.Operation operation, JsonObject request, String where) {
        JsonObject metadata = request.get("metadata") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
        JsonValue sql = request.containsKey("sql") ? request.get("sql") : metadata.get("sql");
        if (!(sql instanceof JsonString s) || s.getString().isBlank()) {
            throw malformed("'" + where + "sql' must be a non-empty string");
        }
        JsonValue params = request.containsKey("params") ? request.get("params") : metadata.get("params");
        return new SqlStatement(operation, s.getString(), params(params, where));
    }

    static List<Object> params(JsonValue params, String where) {
        if (params == null || params == JsonValue.NULL) {
            return List.of();
        }
        JsonValue value = params;
        if (params instanceof JsonString text) {
            // Dapr's binding metadata is a map of strings: its params are a JSON array written as a string
            try {
                value = text.getString().isBlank() ? JsonValue.EMPTY_JSON_ARRAY : JsonText.parse(text.getString());
            } catch (JsonException e) {
                throw malformed("'" + where + "params' is a string that is not a JSON array: " + e.getMessage());
            }
        }
        if (!(value instanceof JsonArray array)) {
            throw malformed("'" + where + "params' must be an array of values");
        }
        List<Object> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            values.add(param(array.get(i), where + "params[" + i + "]"));
        }
        return values;
    }

    static Object param(JsonValue value, String where) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case OBJECT -> typed(value.asJsonObject(), where);
            case ARRAY -> throw malformed("'" + where + "' is an array; a parameter is one value");
        };
    }

    private static Object number(JsonNumber n) {
        BigDecimal d = n.bigDecimalValue();
        // 12 and 1e2 are whole (scale 0 or below), 12.0 is a decimal as written; longValueExact refuses a
        // huge exponent by its precision alone, without expanding it
        if (d.scale() <= 0) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return d; // beyond a long: exact, as a decimal
            }
        }
        return d;
    }

    private static Object typed(JsonObject param, String where) {
        if (!(param.get("type") instanceof JsonString type)) {
            throw malformed("'" + where + "' is an object: a typed parameter needs a \"type\" (bytes, timestamp, date, time, decimal) and a \"value\"");
        }
        JsonValue raw = param.get("value");
        if (raw == null || raw == JsonValue.NULL) {
            return null;
        }
        if (!(raw instanceof JsonString s)) {
            if (type.getString().equals("decimal") && raw instanceof JsonNumber n) {
                return n.bigDecimalValue();
            }
            throw malformed("'" + where + ".value' must be a string");
        }
        String text = s.getString();
        try {
            return switch (type.getString()) {
                case "bytes" -> Base64.getDecoder().decode(text);
                case "timestamp" -> timestamp(text);
                case "date" -> LocalDate.parse(text);
                case "time" -> LocalTime.parse(text);
                case "decimal" -> new BigDecimal(text);
                default -> throw malformed("'" + where + ".type' is '" + type.getString() + "': bytes, timestamp, date, time or decimal");
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // NumberFormatException is an IllegalArgumentException, as is bad base64
            throw malformed("'" + where + ".value' is not a " + type.getString() + ": " + e.getMessage());
        }
    }

    /** With an offset or Z: an instant ({@code timestamptz}); without: a wall-clock time ({@code timestamp}, {@code DATETIME}). */
    private static Object timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text);
        }
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("the request needs a JSON object body");
        }
        JsonValue value;
        try {
            value = JsonText.parse(body);
        } catch (JsonException e) {
            throw malformed("the body is not valid JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed("the body must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static DatabaseException malformed(String message) {
        return new DatabaseException(Reason.REQUEST, message);
    }
}
