// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.json.JsonText;
import io.capaee.api.state.InvalidStateRequestException;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOperation;
import io.capaee.api.state.StateOptions;
import io.capaee.proxy.dapr.DaprException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Dapr's state request bodies: state objects ({@code key, value, etag, metadata, options}),
 * bulk-get and transaction requests. Anything malformed is a 400 {@code ERR_MALFORMED_REQUEST}
 * naming what was wrong; values are kept as the JSON text that was sent.
 */
final class StateRequests {
    private StateRequests() {}

    static JsonValue parse(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("the request needs a JSON body");
        }
        try {
            return JsonText.parse(body);
        } catch (JsonException e) {
            throw malformed("the body is not valid JSON: " + e.getMessage());
        }
    }

    /** A save request: an array of state objects; query metadata is merged into each item's. */
    static List<StateItem> items(String body, Map<String, String> queryMetadata) {
        JsonValue json = parse(body);
        if (json.getValueType() != JsonValue.ValueType.ARRAY) {
            throw malformed("a save request is a JSON array of state objects");
        }
        List<StateItem> items = new ArrayList<>();
        for (JsonValue element : json.asJsonArray()) {
            items.add(item(element, queryMetadata, true, "state object " + items.size()));
        }
        return items;
    }

    static List<String> bulkKeys(String body) {
        JsonObject request = object(parse(body), "a bulk request");
        JsonValue keys = request.get("keys");
        if (keys == null || keys.getValueType() != JsonValue.ValueType.ARRAY) {
            throw malformed("a bulk request needs 'keys', an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonValue key : keys.asJsonArray()) {
            if (key.getValueType() != JsonValue.ValueType.STRING) {
                throw malformed("'keys' must hold strings only");
            }
            result.add(((JsonString) key).getString());
        }
        return result;
    }

    static List<StateOperation> operations(String body, Map<String, String> queryMetadata) {
        JsonObject request = object(parse(body), "a transaction request");
        Map<String, String> metadata = new HashMap<>(queryMetadata);
        metadata.putAll(strings(request.get("metadata"), "transaction metadata"));
        JsonValue ops = request.get("operations");
        if (ops == null || ops.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (ops.getValueType() != JsonValue.ValueType.ARRAY) {
            throw malformed("'operations' must be an array");
        }
        List<StateOperation> result = new ArrayList<>();
        for (JsonValue element : ops.asJsonArray()) {
            String where = "operation " + result.size();
            JsonObject op = object(element, where);
            StateOperation.Type type = StateOperation.Type.parse(string(op, "operation", where));
            JsonValue request2 = op.get("request");
            if (request2 == null) {
                throw malformed(where + " needs a 'request' state object");
            }
            result.add(new StateOperation(type, item(request2, metadata, type == StateOperation.Type.UPSERT, where)));
        }
        return result;
    }

    private static StateItem item(JsonValue element, Map<String, String> queryMetadata, boolean needsValue, String where) {
        JsonObject o = object(element, where);
        String key = string(o, "key", where);
        if (key == null || key.isEmpty()) {
            throw malformed(where + " needs a non-empty 'key'");
        }
        JsonValue value = o.get("value");
        if (needsValue && value == null) {
            throw malformed(where + " (key '" + key + "') needs a 'value'");
        }
        String etag = string(o, "etag", where);
        Map<String, String> metadata = new HashMap<>(queryMetadata);
        metadata.putAll(strings(o.get("metadata"), where + " metadata"));
        StateOptions options = StateOptions.DEFAULT;
        JsonValue opts = o.get("options");
        if (opts != null && opts.getValueType() != JsonValue.ValueType.NULL) {
            JsonObject oo = object(opts, where + " options");
            try {
                options = new StateOptions(StateOptions.Concurrency.parse(string(oo, "concurrency", where)),
                        StateOptions.Consistency.parse(string(oo, "consistency", where)));
            } catch (InvalidStateRequestException e) {
                throw malformed(where + ": " + e.getMessage());
            }
        }
        return new StateItem(key, value == null ? null : value.toString(), etag, metadata, options);
    }

    private static JsonObject object(JsonValue value, String what) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed(what + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static String string(JsonObject o, String field, String where) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw malformed(where + ": '" + field + "' must be a string");
        }
        return ((JsonString) v).getString();
    }

    private static Map<String, String> strings(JsonValue value, String what) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        Map<String, String> result = new HashMap<>();
        for (var e : object(value, what).entrySet()) {
            JsonValue v = e.getValue();
            result.put(e.getKey(), v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString());
        }
        return result;
    }

    static DaprException malformed(String message) {
        return new DaprException(400, "ERR_MALFORMED_REQUEST", message);
    }
}
