// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.http;

import io.capaee.api.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An RFC 9457 problem detail, the body ({@code application/problem+json}) of the errors the WARs
 * answer: {@code type} is {@code urn:capa-ee:problem:<kind>}, and extension members carry what
 * particular clients read (Dapr's {@code errorCode}, Capsule's {@code code} and {@code message}).
 *
 * <p>The same members come in two layouts, each byte for byte what its clients have always received:
 * {@link #json()} in the RFC's order (type, title, status, detail, then the extensions in the order
 * added), and {@link #jsonByName()} sorted by name without the absent ones (the functions and registry
 * APIs, the shape Capsule's registry errors have).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this case; may be null
 * @param extensions further members, in order; a null value is an absent member
 */
public record Problem(String type, String title, int status, String detail, Map<String, String> extensions) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:capa-ee:problem:";
    private static final JsonProvider JSON = Jsonp.provider();

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        extensions = extensions == null || extensions.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A problem of type {@code urn:capa-ee:problem:<kind>}, without extension members. */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, Map.of());
    }

    /** The standard reason phrase of an HTTP status ({@code Not Found}), or {@code HTTP <status>} for one without. */
    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    /** This problem with one more extension member (after those it has). */
    public Problem with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }

    /** The body in the RFC's member order; an absent detail or extension value is written as "". */
    public String json() {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? "" : detail);
        extensions.forEach((name, value) -> body.add(name, value == null ? "" : value));
        return body.build().toString();
    }

    /** The body with its members sorted by name; absent ones are left out. */
    public String jsonByName() {
        Map<String, Object> members = new TreeMap<>();
        members.put("type", type);
        members.put("title", title);
        members.put("status", status);
        members.put("detail", detail);
        members.putAll(extensions);
        JsonObjectBuilder body = JSON.createObjectBuilder();
        members.forEach((name, value) -> {
            if (value instanceof Integer i) {
                body.add(name, i);
            } else if (value != null) {
                body.add(name, (String) value);
            }
        });
        return body.build().toString();
    }

    /** The response with {@link #json()}. */
    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(json()).build();
    }

    /** The response with {@link #jsonByName()}. */
    public Response responseByName() {
        return Response.status(status).type(MEDIA_TYPE).entity(jsonByName()).build();
    }

    /** {@code of(status, kind, title, detail).json()}. */
    public static String json(int status, String kind, String title, String detail) {
        return of(status, kind, title, detail).json();
    }

    /** {@code of(status, kind, title, detail).response()}. */
    public static Response response(int status, String kind, String title, String detail) {
        return of(status, kind, title, detail).response();
    }
}
