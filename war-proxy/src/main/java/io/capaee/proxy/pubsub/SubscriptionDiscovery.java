// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.json.Jsonp;
import io.capaee.api.security.AccessPolicy;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks the app for its subscriptions, {@code GET APP/dapr/subscribe}: a JSON array of
 * {@code {pubsubname, topic, route | routes: {default, rules}, metadata: {rawPayload, maxConcurrentDeliveries}, deadLetterTopic}}.
 * Content-based routing rules (CEL) are not evaluated: {@code routes.default} is used.
 */
final class SubscriptionDiscovery {
    private static final Logger LOG = Logger.getLogger(SubscriptionDiscovery.class.getName());

    private SubscriptionDiscovery() {}

    /** The app's subscriptions; null when the app cannot be asked (not up), empty for a 404. */
    static List<Subscription> ask(HttpClient http, String appUrl) {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(appUrl + "/dapr/subscribe")).timeout(Duration.ofSeconds(5))
                    .header(AccessPolicy.SERVER_REQUEST_HEADER, "1").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (r.statusCode() == 404) {
            return List.of();
        }
        if (r.statusCode() != 200) {
            return null;
        }
        return parse(r.body());
    }

    static List<Subscription> parse(String body) {
        List<Subscription> result = new ArrayList<>();
        JsonValue json;
        try (var reader = Jsonp.createReader(new StringReader(body))) {
            json = reader.readValue();
        } catch (JsonException e) {
            LOG.log(Level.WARNING, "the app's /dapr/subscribe is not JSON: {0}", e.getMessage());
            return null;
        }
        if (json.getValueType() != JsonValue.ValueType.ARRAY) {
            LOG.warning("the app's /dapr/subscribe is not a JSON array");
            return null;
        }
        for (JsonValue v : json.asJsonArray()) {
            if (!(v instanceof JsonObject o) || !(o.get("pubsubname") instanceof JsonString p) || !(o.get("topic") instanceof JsonString t)) {
                LOG.log(Level.WARNING, "ignoring a subscription without pubsubname or topic: {0}", v);
                continue;
            }
            String route = o.get("route") instanceof JsonString rs ? rs.getString() : null;
            if (route == null && o.get("routes") instanceof JsonObject routes && routes.get("default") instanceof JsonString d) {
                route = d.getString();
            }
            if (route == null) {
                LOG.log(Level.WARNING, "ignoring subscription to {0} without a route", t.getString());
                continue;
            }
            JsonObject metadata = o.get("metadata") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
            boolean raw = "true".equalsIgnoreCase(metadata.getString("rawPayload", "false"));
            int concurrency;
            try {
                concurrency = Subscription.concurrency(metadata.get(Subscription.CONCURRENCY_METADATA) instanceof JsonString c
                        ? c.getString() : null);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "ignoring subscription to {0}: {1}", new Object[] {t.getString(), e.getMessage()});
                continue;
            }
            String dead = o.get("deadLetterTopic") instanceof JsonString ds ? ds.getString() : null;
            result.add(new Subscription(p.getString(), t.getString(), route, dead, raw, "PROGRAMMATIC", concurrency));
        }
        return result;
    }
}
