// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.webhooks;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.webhook.Webhook;
import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookFactory;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * {@code POST /v1.0-alpha1/webhooks/{name}}: receives a request of an outside service (GitHub,
 * Stripe...) for the webhook {@code eis/webhook/{name}} (a {@code <connectionFactory>} in
 * server.xml), which checks its signature and queues it for the webhook input binding. Answers 202
 * with the event's id once queued; the delivery to the target, with its retries and dead letters,
 * follows. Public: the outside service has no token of this server, its signature is what
 * authenticates it. Refusals are problem details: 404 unknown webhook, 413 body over the webhook's
 * limit (read no further), 401 missing, wrong or stale signature, 409 a replay, 503 nothing takes
 * webhooks now (the sender should try again).
 *
 * <p>Why the request goes to the resource adapter rather than to the delivery code here: the
 * adapter's inbound side is the one event pipeline of the server (turns on the work manager,
 * retries on its timer, dead letters, health), which a webhook must share with the broker sources;
 * this WAR reaches it through a lib-api interface and a JNDI resource, as it reaches output bindings.
 */
@RequiresAccess(Access.PUBLIC)
@Path("/v1.0-alpha1/webhooks")
@ApplicationScoped
public class WebhooksResource {
    static final String JNDI_PREFIX = "eis/webhook/";

    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("name") String name, @Context HttpHeaders headers, InputStream body) {
        WebhookFactory factory = lookup(name);
        try (Webhook webhook = factory.getConnection()) {
            long limit = webhook.maxBodyBytes();
            if (headers.getLength() > limit) {
                throw tooLarge(limit);
            }
            byte[] data = read(body, limit);
            String id = webhook.receive(name, data, first(headers));
            return Response.accepted(Jsonp.createObjectBuilder().add("webhook", name).add("id", id).build().toString())
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (WebhookException e) {
            throw refused(name, e);
        }
    }

    private static byte[] read(InputStream body, long limit) {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (data.length > limit) {
                throw tooLarge(limit);
            }
            return data;
        } catch (IOException e) {
            throw new DaprException(400, "ERR_WEBHOOK_BODY", "the request body could not be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> first(HttpHeaders headers) {
        Map<String, String> first = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            List<String> list = values;
            if (!list.isEmpty()) {
                first.put(name, list.get(0));
            }
        });
        return first;
    }

    static DaprException refused(String name, WebhookException e) {
        String detail = "webhook " + name + ": " + e.getMessage();
        return switch (e.reason()) {
            case UNSIGNED, BAD_SIGNATURE -> new DaprException(401, "ERR_WEBHOOK_SIGNATURE", detail);
            case STALE -> new DaprException(401, "ERR_WEBHOOK_STALE", detail);
            case REPLAYED -> new DaprException(409, "ERR_WEBHOOK_REPLAYED", detail);
            case TOO_LARGE -> new DaprException(413, "ERR_WEBHOOK_TOO_LARGE", detail);
            case UNAVAILABLE -> new DaprException(503, "ERR_WEBHOOK_UNAVAILABLE", detail);
        };
    }

    private static DaprException tooLarge(long limit) {
        return new DaprException(413, "ERR_WEBHOOK_TOO_LARGE", "the request body is larger than the webhook's limit ("
                + limit + " bytes)");
    }

    private static WebhookFactory lookup(String name) {
        if (!EventTarget.isName(name)) {
            throw new DaprException(404, "ERR_WEBHOOK_NOT_FOUND", "'" + name + "' is not a webhook name"
                    + " (letters, digits, '.', '_', '-')");
        }
        try {
            if (InitialContext.doLookup(JNDI_PREFIX + name) instanceof WebhookFactory factory) {
                return factory;
            }
            throw new DaprException(404, "ERR_WEBHOOK_NOT_FOUND", "'" + JNDI_PREFIX + name + "' is not a webhook");
        } catch (NameNotFoundException e) {
            throw new DaprException(404, "ERR_WEBHOOK_NOT_FOUND", "no webhook named '" + name
                    + "': configure a connectionFactory with jndiName=\"" + JNDI_PREFIX + name + "\" in server.xml");
        } catch (NamingException e) {
            throw new DaprException(500, "ERR_WEBHOOK_NOT_FOUND", "cannot look up webhook '" + name + "': "
                    + e.getMessage(), e);
        }
    }
}
