// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of the routes: {@code {"fn":{"rev":["url",...]}}}, compact, keys sorted; also
 * the body of the registration API's route listing.
 */
public final class RouteDocument {
    private static final JsonProvider JSON = Jsonp.provider();

    private RouteDocument() {}

    /** The routes in {@code raw} (null or blank: none), unmodifiable and sorted. */
    static Map<String, Map<String, List<String>>> parse(String raw, String key) {
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        Map<String, Map<String, List<String>>> routes = new TreeMap<>();
        try (var reader = JSON.createReader(new StringReader(raw))) {
            JsonObject root = reader.readObject();
            for (Map.Entry<String, JsonValue> f : root.entrySet()) {
                Map<String, List<String>> revisions = new TreeMap<>();
                for (Map.Entry<String, JsonValue> r : f.getValue().asJsonObject().entrySet()) {
                    List<String> urls = new ArrayList<>();
                    for (JsonValue url : r.getValue().asJsonArray()) {
                        urls.add(((JsonString) url).getString());
                    }
                    revisions.put(r.getKey(), urls);
                }
                routes.put(f.getKey(), revisions);
            }
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            throw new RouteException(RouteException.Reason.STORE,
                    "the route document at key " + key + " is not {\"function\":{\"revision\":[\"url\"]}}: " + e.getMessage(), e);
        }
        return KeyValueRouteTable.unmodifiable(routes);
    }

    static Map<String, Map<String, List<String>>> mutable(Map<String, Map<String, List<String>>> routes) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        routes.forEach((f, revisions) -> {
            Map<String, List<String>> r = new TreeMap<>();
            revisions.forEach((rev, urls) -> r.put(rev, new ArrayList<>(urls)));
            out.put(f, r);
        });
        return out;
    }

    /** The routes as a document, functions and revisions sorted, URLs in their order. */
    public static String write(Map<String, Map<String, List<String>>> routes) {
        JsonObjectBuilder root = JSON.createObjectBuilder();
        new TreeMap<>(routes).forEach((f, revisions) -> {
            JsonObjectBuilder r = JSON.createObjectBuilder();
            new TreeMap<>(revisions).forEach((rev, urls) -> {
                JsonArrayBuilder a = JSON.createArrayBuilder();
                urls.forEach(a::add);
                r.add(rev, a);
            });
            root.add(f, r);
        });
        return root.build().toString();
    }
}
