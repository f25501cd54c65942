// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.json.Jsonp;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.forward.BlockingHttpClient;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one subscription's messages to the app, by Dapr's rules (runtime-api spec 3.6.3), one
 * attempt per call, thread-safe (a subscription may deliver several at once): a 2xx answer without a
 * {@code status} or with {@code SUCCESS} delivers;
 * {@code DROP} and a 404 drop the message; {@code RETRY}, an unknown status, any other answer or no
 * answer retry (the broker's loop pauses with the subscription's back-off). A message dropped or
 * out of attempts goes to the dead-letter topic, or, without one, back to the broker for a later
 * delivery.
 */
final class Delivery implements DeliveryHandler {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    private final Subscription subscription;
    private final URI target;
    private final String appId;
    private final PubSubConnectionFactory broker;
    private final Duration timeout;
    private final BlockingHttpClient http;
    /** The route names this server's own actor or function, named in configuration; else it is an app. */
    private final boolean toThisServer;
    private final String apiToken; // for this server's own APIs when they require one; null otherwise
    private final Traces traces;

    /** @param toThisServer the route is one of this server's functions or actors: sent with its own Dapr API token, when one is set */
    Delivery(Subscription subscription, URI target, boolean toThisServer, SubscriptionSettings settings,
            PubSubConnectionFactory broker, BlockingHttpClient http, Traces traces) {
        this.traces = traces;
        this.subscription = subscription;
        this.target = target;
        this.appId = settings.appId();
        this.broker = broker;
        this.timeout = settings.deliveryTimeout();
        this.http = http;
        this.toThisServer = toThisServer;
        this.apiToken = toThisServer ? settings.apiToken() : null;
    }

    @Override
    public Outcome attempt(byte[] message, int attempt) {
        return attempt(message, Map.of(), attempt);
    }

    /** @param headers the message's broker headers: a raw message's trace context, which has no envelope to carry it */
    @Override
    public Outcome attempt(byte[] message, Map<String, String> headers, int attempt) {
        byte[] event = CloudEvents.asEvent(message, appId, subscription.pubsub(), subscription.topic());
        try (TraceSpan span = PubSubTraces.deliver(traces, subscription, event, headers, attempt)) {
            Outcome outcome = send(event, attempt, span);
            span.attribute("capaee.delivery.outcome", outcome.name());
            return outcome;
        }
    }

    private Outcome send(byte[] event, int attempt, TraceSpan span) {
        BlockingHttpClient.Reply r;
        try {
            Map<String, String> headers = new HashMap<>(4);
            span.inject(headers::put);
            if (!toThisServer) {
                headers.put(AccessPolicy.SERVER_REQUEST_HEADER, "1");
            } else if (apiToken != null) {
                headers.put(AccessPolicy.APP_TOKEN_HEADER, apiToken);
            }
            r = http.post(target, headers, event, CloudEvents.MEDIA_TYPE, timeout);
        } catch (IOException e) {
            LOG.log(Level.FINE, "{0}: delivery {1} failed: {2}", new Object[] {subscription.key(), attempt, e.getMessage()});
            span.failed(e);
            return Outcome.RETRY;
        }
        span.httpStatus(r.status());
        if (r.status() == 404) {
            LOG.log(Level.WARNING, "{0}: the app answered 404; the message is dropped", subscription.key());
            return Outcome.DROP;
        }
        if (r.status() / 100 != 2) {
            return Outcome.RETRY;
        }
        return status(r.body());
    }

    private Outcome status(String body) {
        if (body == null || body.isBlank()) {
            return Outcome.DELIVERED;
        }
        try (var reader = Jsonp.createReader(new StringReader(body))) {
            if (!(reader.readValue() instanceof JsonObject o) || !(o.get("status") instanceof JsonString s)) {
                return Outcome.DELIVERED;
            }
            return switch (s.getString().toUpperCase(Locale.ROOT)) {
                case "SUCCESS", "" -> Outcome.DELIVERED;
                case "DROP" -> {
                    LOG.log(Level.WARNING, "{0}: the app asked to drop a message", subscription.key());
                    yield Outcome.DROP;
                }
                default -> Outcome.RETRY;
            };
        } catch (JsonException e) {
            return Outcome.DELIVERED; // not JSON: Dapr counts that as success
        }
    }

    @Override
    public boolean undelivered(byte[] message, Outcome last, int attempts) {
        return DeadLetters.undelivered(subscription, broker, message, last, attempts);
    }
}
