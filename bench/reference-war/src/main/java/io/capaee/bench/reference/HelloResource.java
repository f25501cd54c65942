// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.reference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * What {@code hello-http.wasm} answers to a GET, without the wasm: same status, body and
 * headers ({@code Content-Type}, {@code X-Guest}, {@code Message}), body written as bytes like
 * the functions resource does.
 */
@Path("/hello")
public class HelloResource {
    private static final byte[] BODY = "Hello empty".getBytes(StandardCharsets.UTF_8);

    @GET
    public Response hello() {
        return Response.ok(BODY)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Guest", "capsule-0.1.3")
                .header("Message", "hello")
                .build();
    }
}
