// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.lock;

import io.capaee.api.json.JsonText;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.lock.LockConnection;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.lock.LockException;
import io.capaee.api.lock.LockStoreFullException;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dapr's lock API (runtime-api spec 3.9): try-lock answers {@code {"success": bool}}, unlock
 * {@code {"status": 0|1|2|3}} (success, no such lock, owned by someone else, internal error).
 * Empty ids, empty owners, expiries under 1 s and expiries above {@code capa.lock.max-expiry-seconds}
 * (3600) are 400 {@code ERR_MALFORMED_REQUEST}; a full memory store is 507 {@code ERR_LOCK_STORE_FULL}.
 * A store's failure is logged with its detail; the client learns the store's name.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1")
public class LockResource {
    private static final Logger LOG = Logger.getLogger(LockResource.class.getName());

    @Inject
    JndiComponents components;

    @Inject
    @ConfigProperty(name = "capa.lock.max-expiry-seconds", defaultValue = "3600")
    long maxExpirySeconds;

    @POST
    @Path("lock/{store}")
    public Response tryLock(@PathParam("store") String store, String body) {
        LockRequest request = LockRequest.of(body);
        JsonValue expiry = request.body().get("expiryInSeconds");
        if (!(expiry instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() <= 0) {
            throw malformed("'expiryInSeconds' must be a whole number of seconds above 0");
        }
        // compared as a decimal: a long would wrap, and a huge exponent must not be expanded
        if (n.bigDecimalValue().compareTo(BigDecimal.valueOf(maxExpirySeconds)) > 0) {
            throw malformed("'expiryInSeconds' must be at most " + maxExpirySeconds + " (capa.lock.max-expiry-seconds), got " + n);
        }
        LockConnectionFactory factory = store(store);
        try (LockConnection locks = factory.getConnection()) {
            boolean success = locks.tryLock(request.resourceId(), request.owner(), Duration.ofSeconds(n.longValue()));
            return json(Json.createObjectBuilder().add("success", success).build());
        } catch (LockStoreFullException e) {
            throw new DaprException(507, "ERR_LOCK_STORE_FULL", "lock store " + store + ": " + e.getMessage());
        } catch (LockException e) {
            LOG.log(Level.WARNING, "try-lock in lock store {0} failed: {1}", new Object[] {store, e.getMessage()});
            throw new DaprException(500, "ERR_TRY_LOCK", "lock store " + store + " failed; the server log has the detail", e);
        }
    }

    @POST
    @Path("unlock/{store}")
    public Response unlock(@PathParam("store") String store, String body) {
        LockRequest request = LockRequest.of(body);
        LockConnectionFactory factory = store(store);
        UnlockStatus status;
        try (LockConnection locks = factory.getConnection()) {
            status = locks.unlock(request.resourceId(), request.owner());
        } catch (LockException e) {
            // Dapr answers a store failure on unlock with status 3 in a 200
            LOG.log(Level.WARNING, "unlock in lock store {0} failed: {1}", new Object[] {store, e.getMessage()});
            status = UnlockStatus.INTERNAL_ERROR;
        }
        return json(Json.createObjectBuilder().add("status", status.code()).build());
    }

    /** A lock or unlock request: the body, and the resource and owner it must name. */
    private record LockRequest(JsonObject body, String resourceId, String owner) {
        static LockRequest of(String text) {
            JsonObject body = object(text);
            return new LockRequest(body, required(body, "resourceId"), required(body, "lockOwner"));
        }
    }

    private LockConnectionFactory store(String name) {
        return components.find("lock", name, LockConnectionFactory.class).orElseThrow(
                () -> new DaprException(400, "ERR_LOCK_STORE_NOT_FOUND", "lock store " + name + " is not found"));
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("the request needs a JSON object body");
        }
        try {
            JsonValue value = JsonText.parse(body);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw malformed("the body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw malformed("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static String required(JsonObject request, String field) {
        JsonValue v = request.get(field);
        if (!(v instanceof JsonString s) || s.getString().isEmpty()) {
            throw malformed("'" + field + "' must be a non-empty string");
        }
        return s.getString();
    }

    private static Response json(JsonObject body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static DaprException malformed(String message) {
        return new DaprException(400, "ERR_MALFORMED_REQUEST", message);
    }
}
