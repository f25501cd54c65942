// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /sample/messages}: what the {@code @Incoming} method received (JSON array of texts);
 * {@code POST /sample/messages}: sends the text body to the topic {@code sample-shipments}, 204 once
 * the broker has it, 502 problem if it failed, 413 problem for a body over {@value BoundedBody#MAX_BYTES} bytes.
 */
@Path("/messages")
@RequestScoped
public class MessagesResource {
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ShipmentsChannel channel;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String received() {
        List<String> texts = channel.received();
        var array = JSON.createArrayBuilder();
        texts.forEach(array::add);
        return array.build().toString();
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Response ship(InputStream body) {
        String text = BoundedBody.text(body, BoundedBody.MAX_BYTES);
        try {
            channel.ship(text).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Response.noContent().build();
        } catch (ExecutionException | TimeoutException e) {
            String detail = e instanceof TimeoutException ? "the broker did not take the message within 10 s"
                    : String.valueOf(e.getCause().getMessage());
            return Response.status(Response.Status.BAD_GATEWAY).type("application/problem+json")
                    .entity(JSON.createObjectBuilder().add("title", "message not sent to sample-shipments")
                            .add("status", 502).add("detail", detail).build().toString()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
    }
}
