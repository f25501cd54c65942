// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Comparator;
import java.util.Optional;

/**
 * The field a query names in a JSON value, and how query values compare. A path is Dapr's: names separated by dots,
 * each one level into an object ({@code person.org}). Values compare within their kind: numbers by value ({@code 1}
 * equals {@code 1.0}), strings by their characters, {@code false} before {@code true}; across kinds, numbers come
 * before strings, strings before booleans, booleans before objects and arrays (these by their JSON text).
 */
final class JsonPaths {
    /** The order of present values: what a sort follows. */
    static final Comparator<JsonValue> ORDER = JsonPaths::compare;

    private JsonPaths() {}

    /** The value at {@code path} in {@code document}, or empty when a step is missing or not an object. */
    static Optional<JsonValue> at(JsonValue document, String path) {
        JsonValue current = document;
        for (String name : path.split("\\.", -1)) {
            if (current == null || current.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            current = current.asJsonObject().get(name);
        }
        return Optional.ofNullable(current);
    }

    /** Whether the two are the same value ({@code 1} and {@code 1.0} are). */
    static boolean same(JsonValue a, JsonValue b) {
        return kind(a) == kind(b) && compare(a, b) == 0;
    }

    /** Whether the two can be ordered against each other: both numbers, or both strings. */
    static boolean comparable(JsonValue a, JsonValue b) {
        return kind(a) == kind(b) && (kind(a) == 0 || kind(a) == 1);
    }

    static int compare(JsonValue a, JsonValue b) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka != kb) {
            return Integer.compare(ka, kb);
        }
        return switch (ka) {
            case 0 -> ((JsonNumber) a).bigDecimalValue().compareTo(((JsonNumber) b).bigDecimalValue());
            case 1 -> ((JsonString) a).getString().compareTo(((JsonString) b).getString());
            case 2 -> Boolean.compare(a == JsonValue.TRUE, b == JsonValue.TRUE);
            default -> a.toString().compareTo(b.toString());
        };
    }

    private static int kind(JsonValue v) {
        return switch (v.getValueType()) {
            case NUMBER -> 0;
            case STRING -> 1;
            case TRUE, FALSE -> 2;
            case NULL -> 4;
            default -> 3;
        };
    }
}
