// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error this WAR answers. {@code code} and
 * {@code message} are extension members in the shape of Capsule's registry errors
 * ({@code {"code":"PAGE_NOT_FOUND","message":...}}), for clients that read those.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this case
 * @param code a Capsule-style upper-case code
 * @param message the same as {@code detail}
 */
public record Problem(String type, String title, int status, String detail, String code, String message) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String kind, String title, String code, String detail) {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(new Problem("urn:capa-ee:problem:" + kind, title, status, detail, code, detail))
                .build();
    }
}
