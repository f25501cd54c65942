// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import io.capaee.api.config.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a component's {@code config} against its definition's fields and returns it with the
 * defaults applied: unknown keys, missing required fields, wrong types and broken constraints are
 * refused with the dotted path of the field.
 */
final class ComponentConfigValidator {
    private ComponentConfigValidator() {}

    static Map<String, Object> validate(String path, List<FieldDefinition> fields, Map<?, ?> config) {
        Map<String, FieldDefinition> known = new LinkedHashMap<>();
        fields.forEach(f -> known.put(f.name(), f));
        for (Object key : config.keySet()) {
            if (!known.containsKey(String.valueOf(key))) {
                throw new InvalidConnectorException(path + "." + key,
                        "unknown field (known: " + String.join(", ", known.keySet()) + ")");
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (FieldDefinition field : fields) {
            String at = path + "." + field.name();
            Object value = config.get(field.name());
            if (value == null) {
                if (field.required()) {
                    throw new InvalidConnectorException(at, "required");
                }
                if (field.defaultValue() != null) {
                    result.put(field.name(), field.defaultValue());
                }
                continue;
            }
            result.put(field.name(), "list".equals(field.kind()) ? list(at, field, value) : scalar(at, field, value));
        }
        return result;
    }

    private static List<Object> list(String at, FieldDefinition field, Object value) {
        // one scalar where a list is expected is a list of one, as Connect documents often write it
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        if (items.isEmpty() && !field.optional()) {
            throw new InvalidConnectorException(at, "required (an empty list)");
        }
        List<Object> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            checked.add(scalar(at + "[" + i + "]", field, items.get(i)));
        }
        return checked;
    }

    private static Object scalar(String at, FieldDefinition field, Object value) {
        Object typed = switch (field.type()) {
            case "int" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new InvalidConnectorException(at, "must be an integer, not '" + value + "'");
                }
                yield ((Number) value).longValue();
            }
            case "bool" -> {
                if (!(value instanceof Boolean)) {
                    throw new InvalidConnectorException(at, "must be true or false, not '" + value + "'");
                }
                yield value;
            }
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new InvalidConnectorException(at, "must be an object");
                }
                yield validate(at, field.fields(), map);
            }
            default -> {
                if (value instanceof Map || value instanceof List) {
                    throw new InvalidConnectorException(at, "must be a string");
                }
                String text = String.valueOf(value);
                if (text.isBlank()) {
                    throw new InvalidConnectorException(at, "must not be empty");
                }
                if ("duration".equals(field.renderHint()) && !Durations.valid(text)) {
                    throw new InvalidConnectorException(at, "'" + text + "' is not a duration such as 500ms, 5s or 1m");
                }
                yield text;
            }
        };
        for (Map<String, Object> constraint : field.constraints()) {
            check(at, constraint, typed);
        }
        return typed;
    }

    private static void check(String at, Map<String, Object> constraint, Object value) {
        if (constraint.get("regex") instanceof String regex && !Pattern.compile(regex).matcher(value.toString()).find()) {
            throw new InvalidConnectorException(at, "'" + value + "' does not match " + regex);
        }
        if (constraint.get("enum") instanceof List<?> allowed
                && allowed.stream().map(String::valueOf).noneMatch(value.toString()::equals)) {
            throw new InvalidConnectorException(at, "'" + value + "' is not one of "
                    + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (constraint.get("range") instanceof Map<?, ?> range && value instanceof Long n) {
            bound(at, n, range.get("gt"), "greater than", (v, b) -> v > b);
            bound(at, n, range.get("gte"), "at least", (v, b) -> v >= b);
            bound(at, n, range.get("lt"), "less than", (v, b) -> v < b);
            bound(at, n, range.get("lte"), "at most", (v, b) -> v <= b);
        }
    }

    private static void bound(String at, long value, Object bound, String words,
            java.util.function.BiPredicate<Long, Long> holds) {
        if (bound instanceof Number b && !holds.test(value, b.longValue())) {
            throw new InvalidConnectorException(at, value + " must be " + words + " " + b);
        }
    }
}
