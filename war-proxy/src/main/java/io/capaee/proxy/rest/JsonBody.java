// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A registration request body: a JSON object whose fields are checked one by one, so that
 * malformed JSON or a missing or non-string field is a 400 naming it (Capsule panicked and
 * closed the connection, B8).
 */
final class JsonBody {
    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ProxyException(400, "the request needs a JSON object body");
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ProxyException(400, "the body must be a JSON object, was " + value.getValueType().name().toLowerCase());
            }
            return new JsonBody(value.asJsonObject());
        } catch (JsonException e) {
            throw new ProxyException(400, "the body is not valid JSON: " + e.getMessage(), e);
        }
    }

    String string(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new ProxyException(400, "field '" + field + "' (a string) is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new ProxyException(400, "field '" + field + "' must be a string");
        }
        return ((JsonString) value).getString();
    }

    /** A function or revision name: not empty, and routable (no '/', no spaces). */
    String name(String field) {
        String name = string(field);
        checkName(field, name);
        return name;
    }

    static void checkName(String what, String name) {
        if (name.isEmpty() || !name.matches("[^/\\s?#%]+")) {
            throw new ProxyException(400, what + " '" + name + "' is not a valid name (no '/', '?', '#', '%' or spaces)");
        }
    }

    /** An absolute http(s) URL, the base an upstream request is made from. */
    String url(String field) {
        String url = string(field);
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new ProxyException(400, "field '" + field + "' must be an absolute http:// or https:// URL, was '" + url + "'");
    }
}
