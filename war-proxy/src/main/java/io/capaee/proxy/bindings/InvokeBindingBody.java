// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.json.JsonText;
import io.capaee.api.binding.BindingRequest;
import io.capaee.proxy.dapr.DaprException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dapr's output-binding body, {@code {"data": <any JSON>, "metadata": {"k": "v"}, "operation": "op"}}.
 * {@code data} that is a JSON string is handed over as its text (what a caller sending
 * {@code "hello"} means); any other JSON value is handed over as its JSON text. Missing
 * {@code data} is an empty payload.
 */
final class InvokeBindingBody {
    static final String MALFORMED = "ERR_MALFORMED_REQUEST";

    private InvokeBindingBody() {
    }

    static BindingRequest parse(String body) {
        JsonObject object;
        try {
            JsonValue value = JsonText.parse(body == null ? "" : body);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("the body must be a JSON object with 'operation', 'data' and 'metadata'");
            }
            object = value.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            throw malformed("the body is not JSON: " + e.getMessage());
        }
        JsonValue operation = object.get("operation");
        if (!(operation instanceof JsonString op) || op.getString().isBlank()) {
            throw malformed("'operation' must be a non-empty string, e.g. \"create\"");
        }
        return new BindingRequest(op.getString(), data(object.get("data")), metadata(object.get("metadata")));
    }

    private static byte[] data(JsonValue data) {
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return new byte[0];
        }
        String text = data instanceof JsonString s ? s.getString() : data.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> metadata(JsonValue metadata) {
        if (metadata == null || metadata.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (metadata.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed("'metadata' must be an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        metadata.asJsonObject().forEach((key, value) -> {
            if (!(value instanceof JsonString s)) {
                throw malformed("'metadata." + key + "' must be a string, got " + value.getValueType());
            }
            result.put(key, s.getString());
        });
        return result;
    }

    private static DaprException malformed(String message) {
        return new DaprException(400, MALFORMED, message);
    }
}
