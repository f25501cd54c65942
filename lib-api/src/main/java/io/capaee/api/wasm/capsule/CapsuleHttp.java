// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import io.capaee.api.json.Jsonp;
import io.capaee.api.wasm.AbiGeneration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Capsule's HTTP contract (spec section 4) in both directions, with its bugs fixed: every
 * method reaches the guest (no 400 for GET or non-JSON bodies: they are passed through as
 * text), a body containing {@code [HEADERS]} is not cut, and header values keep their colons.
 */
public final class CapsuleHttp {
    static final String BODY = "[BODY]";
    static final String HEADERS = "[HEADERS]";
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final AbiGeneration generation;
    private final HeaderCodec codec;

    public CapsuleHttp(AbiGeneration generation) {
        this.generation = generation;
        this.codec = new HeaderCodec(generation);
    }

    /** The strings for {@code callHandleHttp}. */
    public GuestHttpRequest toGuest(HttpInvocation request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                headers.putIfAbsent(HeaderCodec.canonicalName(name), value);
            }
        });
        if (headers.isEmpty() && generation == AbiGeneration.V0_1_3) {
            // 0.1.3 guests trap on an empty header string (spec B3): give them the Host header
            // Capsule dropped rather than nothing, when the request had no other header.
            String host = HeaderCodec.get(request.headers(), "Host");
            if (host != null) {
                headers.put("Host", host);
            }
        }
        return new GuestHttpRequest(guestBody(request), request.uri(), codec.encode(headers), request.method());
    }

    private String guestBody(HttpInvocation request) {
        if (request.method().equals("GET") || request.method().equals("HEAD")) {
            // 0.1.3 guests were always handed the literal "empty" for GET; 0.1.9 guests "".
            return generation == AbiGeneration.V0_1_3 ? "empty" : "";
        }
        String type = HeaderCodec.get(request.headers(), "Content-Type");
        if (type != null && mediaType(type).equals("application/json")) {
            return GoJson.reserialiseObject(request.body()).orElse(request.body());
        }
        return request.body();
    }

    /** Maps the guest's result string to status, headers and body. */
    public HttpReply fromGuest(String result) {
        int split = result.lastIndexOf(HEADERS);
        String bodyPart = split < 0 ? result : result.substring(0, split);
        Map<String, String> headers = split < 0 ? new LinkedHashMap<>() : codec.decode(result.substring(split + HEADERS.length()));
        String type = HeaderCodec.get(headers, "Content-Type");
        boolean json = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
        if (type == null) {
            headers.put("Content-Type", TEXT_PLAIN);
        }
        Optional<GuestError> error = GuestError.decode(bodyPart);
        if (error.isPresent()) {
            String message = error.get().display();
            return new HttpReply(500, headers, json ? hostError(message) : message);
        }
        String payload = bodyPart.startsWith(BODY) ? bodyPart.substring(BODY.length()) : bodyPart;
        if (json && bodyPart.startsWith(BODY)) {
            Optional<String> normalised = GoJson.reserialiseResponse(payload);
            if (normalised.isEmpty()) {
                return new HttpReply(500, headers, hostError("JSON string bad format"));
            }
            return new HttpReply(200, headers, normalised.get());
        }
        return new HttpReply(200, headers, payload);
    }

    private static String hostError(String message) {
        return GoJson.write(Jsonp.createObjectBuilder().add("error", message).add("from", "host").build());
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
