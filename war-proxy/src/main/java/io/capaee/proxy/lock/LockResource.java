// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.lock;

import io.capaee.api.json.JsonText;
import io.capaee.api.json.Jsonp;
import io.capaee.api.lock.UnlockStatus;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
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
    @Inject
    Locks locks;

    @POST
    @Path("lock/{store}")
    public Response tryLock(@PathParam("store") String store, String body) {
        LockRequest request = LockRequest.of(body);
        JsonValue expiry = request.body().get("expiryInSeconds");
        if (!(expiry instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() <= 0) {
            throw malformed("'expiryInSeconds' must be a whole number of seconds above 0");
        }
        // compared as a decimal: a long would wrap, and a huge exponent must not be expanded
        if (n.bigDecimalValue().compareTo(BigDecimal.valueOf(locks.maxExpirySeconds())) > 0) {
            throw malformed("'expiryInSeconds' must be at most " + locks.maxExpirySeconds() + " (capa.lock.max-expiry-seconds), got " + n);
        }
        boolean success = locks.tryLock(store, request.resourceId(), request.owner(), n.longValue());
        return json(Jsonp.createObjectBuilder().add("success", success).build());
    }

    @POST
    @Path("unlock/{store}")
    public Response unlock(@PathParam("store") String store, String body) {
        LockRequest request = LockRequest.of(body);
        UnlockStatus status = locks.unlock(store, request.resourceId(), request.owner());
        return json(Jsonp.createObjectBuilder().add("status", status.code()).build());
    }

    /** A lock or unlock request: the body, and the resource and owner it must name. */
    private record LockRequest(JsonObject body, String resourceId, String owner) {
        static LockRequest of(String text) {
            JsonObject body = object(text);
            return new LockRequest(body, required(body, "resourceId"), required(body, "lockOwner"));
        }
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
        return Locks.malformed(message);
    }
}
