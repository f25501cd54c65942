// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import io.capaee.api.inject.CapaComponent;
import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateItem;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;

/**
 * Orders kept in the state store {@code statestore} under {@code order-ID}; a write holds the lock
 * {@code order-ID} of {@code lockstore} while it saves, and answers 409 when someone else holds it
 * (413 for a body over {@value BoundedBody#MAX_BYTES} bytes).
 */
@Path("/orders/{id}")
@RequestScoped
public class OrdersResource {
    @Inject
    @CapaComponent("statestore")
    StateConnectionFactory states;

    @Resource(lookup = "eis/capa/lock/lockstore")
    LockConnectionFactory locks;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        try (StateConnection state = states.getConnection()) {
            return state.get("order-" + id)
                    .map(entry -> Response.ok(entry.value()).header("ETag", entry.etag()).build())
                    .orElse(Response.status(Response.Status.NOT_FOUND).build());
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, InputStream body) {
        String orderJson = BoundedBody.text(body, BoundedBody.MAX_BYTES);
        String owner = UUID.randomUUID().toString();
        try (LockConnection lock = locks.getConnection()) {
            if (!lock.tryLock("order-" + id, owner, Duration.ofSeconds(10))) {
                return Response.status(Response.Status.CONFLICT).entity("order " + id + " is being changed").build();
            }
            try (StateConnection state = states.getConnection()) {
                state.save(StateItem.of("order-" + id, orderJson));
            } finally {
                lock.unlock("order-" + id, owner);
            }
        }
        return Response.noContent().build();
    }
}
