// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, the body of every error of ours that Capsule did not define. */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {}

    /** The JSON text of a problem: {@code type} is {@code urn:capa-ee:problem:<kind>}. */
    public static String json(int status, String kind, String title, String detail) {
        return Json.createObjectBuilder()
                .add("type", "urn:capa-ee:problem:" + kind)
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? "" : detail)
                .build()
                .toString();
    }

    public static Response response(int status, String kind, String title, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, kind, title, detail)).build();
    }
}
