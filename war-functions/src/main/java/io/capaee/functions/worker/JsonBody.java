// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A worker request body: a JSON object whose fields are checked one by one, so that a missing
 * or mistyped field is a 400 naming it (Capsule's worker panicked and dropped the connection, B8).
 */
final class JsonBody {
    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw new WorkerException(400, "the request needs a JSON object body");
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new WorkerException(400, "the body must be a JSON object, was " + value.getValueType().name().toLowerCase());
            }
            return new JsonBody(value.asJsonObject());
        } catch (JsonException e) {
            throw new WorkerException(400, "the body is not valid JSON: " + e.getMessage(), e);
        }
    }

    String required(String field) {
        return optional(field).orElseThrow(() -> new WorkerException(400, "field '" + field + "' (a string) is required"));
    }

    Optional<String> optional(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new WorkerException(400, "field '" + field + "' must be a string");
        }
        return Optional.of(((JsonString) value).getString());
    }

    /** An object of values of any JSON type, stringified as Capsule did ({@code 42} to {@code "42"}). */
    Map<String, String> stringMap(String field) {
        JsonValue value = object.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return map;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new WorkerException(400, "field '" + field + "' must be a JSON object");
        }
        value.asJsonObject().forEach((k, v) -> map.put(k, v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString()));
        return map;
    }
}
