// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body over the sample's limit: 413 problem+json. */
@Provider
public class BodyTooLargeMapper implements ExceptionMapper<BoundedBody.TooLarge> {
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public Response toResponse(BoundedBody.TooLarge e) {
        return Response.status(413).type("application/problem+json")
                .entity(JSON.createObjectBuilder().add("type", "urn:capa-ee:problem:sample:body-too-large")
                        .add("title", "Content Too Large").add("status", 413).add("detail", e.getMessage()).build().toString())
                .build();
    }
}
