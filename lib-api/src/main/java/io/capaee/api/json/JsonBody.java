// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request body that must be a JSON object, read field by field so that malformed JSON or a
 * missing or mistyped field is a {@link JsonBodyException} naming it (Capsule's handlers
 * panicked and closed the connection, B8). Each WAR maps the exception to a 400 problem.
 */
public final class JsonBody {

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    public static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw new JsonBodyException("the request needs a JSON object body");
        }
        try {
            JsonValue value = JsonText.parse(text);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new JsonBodyException("the body must be a JSON object, was " + value.getValueType().name().toLowerCase());
            }
            return new JsonBody(value.asJsonObject());
        } catch (JsonException e) {
            throw new JsonBodyException("the body is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A string field that must be there. */
    public String required(String field) {
        return optional(field).orElseThrow(() -> new JsonBodyException("field '" + field + "' (a string) is required"));
    }

    /** A string field that may be absent or null. */
    public Optional<String> optional(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new JsonBodyException("field '" + field + "' must be a string");
        }
        return Optional.of(((JsonString) value).getString());
    }

    /** An object of values of any JSON type, stringified as Capsule did ({@code 42} to {@code "42"}); absent: empty. */
    public Map<String, String> stringMap(String field) {
        JsonValue value = object.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return map;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new JsonBodyException("field '" + field + "' must be a JSON object");
        }
        value.asJsonObject().forEach((k, v) -> map.put(k, v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString()));
        return map;
    }

    /** A function or revision name: not empty, and routable (no '/', no spaces). */
    public String name(String field) {
        String name = required(field);
        checkName(field, name);
        return name;
    }

    public static void checkName(String what, String name) {
        if (name.isEmpty() || !name.matches("[^/\\s?#%]+")) {
            throw new JsonBodyException(what + " '" + name + "' is not a valid name (no '/', '?', '#', '%' or spaces)");
        }
    }

    /** An absolute http(s) URL. */
    public String url(String field) {
        String url = required(field);
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new JsonBodyException("field '" + field + "' must be an absolute http:// or https:// URL, was '" + url + "'");
    }
}
