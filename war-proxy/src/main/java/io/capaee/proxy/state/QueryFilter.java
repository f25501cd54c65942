// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.proxy.dapr.DaprException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code filter} of Dapr's state query: a tree whose nodes are one operator each, {@code EQ}, {@code NEQ},
 * {@code GT}, {@code GTE}, {@code LT}, {@code LTE} ({@code {"EQ": {"path": value}}}), {@code IN}
 * ({@code {"IN": {"path": [values]}}}), {@code AND} and {@code OR} ({@code {"AND": [filters]}}). A field that is
 * missing matches none of them, {@code NEQ} included; {@code GT}...{@code LTE} match only values of the same kind
 * (numbers with numbers, strings with strings, {@link JsonPaths}). A malformed node is refused (400
 * {@code ERR_STATE_QUERY}) naming where it is, e.g. {@code filter.AND[1]}.
 */
sealed interface QueryFilter {
    boolean matches(JsonValue document);

    /** A comparison of the field at {@code path} with {@code value}. */
    record Compare(String operator, String path, JsonValue value) implements QueryFilter {
        @Override
        public boolean matches(JsonValue document) {
            Optional<JsonValue> field = JsonPaths.at(document, path);
            if (field.isEmpty()) {
                return false;
            }
            JsonValue v = field.get();
            return switch (operator) {
                case "EQ" -> JsonPaths.same(v, value);
                case "NEQ" -> !JsonPaths.same(v, value);
                default -> JsonPaths.comparable(v, value) && holds(JsonPaths.compare(v, value));
            };
        }

        private boolean holds(int order) {
            return switch (operator) {
                case "GT" -> order > 0;
                case "GTE" -> order >= 0;
                case "LT" -> order < 0;
                default -> order <= 0;
            };
        }
    }

    /** The field at {@code path} is one of {@code values}. */
    record In(String path, List<JsonValue> values) implements QueryFilter {
        @Override
        public boolean matches(JsonValue document) {
            return JsonPaths.at(document, path).map(v -> values.stream().anyMatch(x -> JsonPaths.same(v, x))).orElse(false);
        }
    }

    /** Every one of {@code filters} ({@code AND}) or at least one ({@code OR}). */
    record Combined(boolean all, List<QueryFilter> filters) implements QueryFilter {
        @Override
        public boolean matches(JsonValue document) {
            return all ? filters.stream().allMatch(f -> f.matches(document)) : filters.stream().anyMatch(f -> f.matches(document));
        }
    }

    /** The filter that {@code node}, found at {@code where} in the query, describes. */
    static QueryFilter parse(JsonValue node, String where) {
        if (!(node instanceof JsonObject object) || object.size() != 1) {
            throw bad(where + " must be an object with one operator (EQ, NEQ, GT, GTE, LT, LTE, IN, AND, OR), got " + node);
        }
        Map.Entry<String, JsonValue> only = object.entrySet().iterator().next();
        String operator = only.getKey();
        String at = where + "." + operator;
        return switch (operator) {
            case "AND", "OR" -> {
                if (!(only.getValue() instanceof JsonArray items) || items.isEmpty()) {
                    throw bad(at + " must be a non-empty array of filters");
                }
                List<QueryFilter> filters = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    filters.add(parse(items.get(i), at + "[" + i + "]"));
                }
                yield new Combined(operator.equals("AND"), List.copyOf(filters));
            }
            case "EQ", "NEQ", "GT", "GTE", "LT", "LTE" -> {
                Map.Entry<String, JsonValue> operand = operand(only.getValue(), at);
                if (operand.getValue().getValueType() == JsonValue.ValueType.OBJECT
                        || operand.getValue().getValueType() == JsonValue.ValueType.ARRAY) {
                    throw bad(at + " compares '" + operand.getKey() + "' with a value, not an object or array");
                }
                yield new Compare(operator, operand.getKey(), operand.getValue());
            }
            case "IN" -> {
                Map.Entry<String, JsonValue> operand = operand(only.getValue(), at);
                if (!(operand.getValue() instanceof JsonArray values)) {
                    throw bad(at + " needs an array of values for '" + operand.getKey() + "'");
                }
                yield new In(operand.getKey(), List.copyOf(values));
            }
            default -> throw bad(where + " has the unknown operator '" + operator + "': EQ, NEQ, GT, GTE, LT, LTE, IN, AND or OR");
        };
    }

    private static Map.Entry<String, JsonValue> operand(JsonValue value, String at) {
        if (!(value instanceof JsonObject operand) || operand.size() != 1) {
            throw bad(at + " must be an object with one field path, e.g. {\"person.org\": \"Dev Ops\"}");
        }
        Map.Entry<String, JsonValue> only = operand.entrySet().iterator().next();
        if (only.getKey().isEmpty()) {
            throw bad(at + " names an empty field path");
        }
        return only;
    }

    static DaprException bad(String message) {
        return new DaprException(400, "ERR_STATE_QUERY", "malformed query: " + message);
    }
}
