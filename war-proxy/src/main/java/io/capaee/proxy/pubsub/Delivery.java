// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.actors.ActorTarget;
import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.security.AccessPolicy;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one subscription's messages to the app, by Dapr's rules (runtime-api spec 3.6.3): a 2xx
 * answer without a {@code status} or with {@code SUCCESS} acknowledges; {@code DROP} and a 404 drop
 * the message (to the dead-letter topic when there is one); {@code RETRY}, an unknown status, any
 * other answer or no answer retry with exponential back-off. Once the attempts are spent the message
 * goes to the dead-letter topic, or, without one, back to the broker for a later delivery.
 */
final class Delivery implements MessageHandler {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    private enum Outcome { SUCCESS, RETRY, DROP }

    private final Subscription subscription;
    private final URI target;
    private final String appId;
    private final PubSubConnectionFactory broker;
    private final DeliveryPolicy policy;
    private final HttpClient http;
    /** The route names this server's own actor or function, named in configuration; else it is an app. */
    private final boolean toThisServer;
    private final String apiToken; // for this server's own APIs when they require one; null otherwise

    /** @param ownApiToken this server's Dapr API token, null when none: sent only to its own actors and functions */
    Delivery(Subscription subscription, URI target, String appId, PubSubConnectionFactory broker, DeliveryPolicy policy, HttpClient http,
            String ownApiToken) {
        this.subscription = subscription;
        this.target = target;
        this.appId = appId;
        this.broker = broker;
        this.policy = policy;
        this.http = http;
        this.toThisServer = ActorTarget.isActor(subscription.route()) || subscription.route().strip().startsWith("function:");
        this.apiToken = toThisServer ? ownApiToken : null;
    }

    @Override
    public boolean handle(byte[] message) {
        byte[] event = CloudEvents.isEnvelope(message) ? message
                : CloudEvents.wrapRaw(message, appId, subscription.pubsub(), subscription.topic());
        Duration backoff = policy.initialBackoff();
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Outcome outcome = post(event);
            if (outcome == Outcome.SUCCESS) {
                return true;
            }
            if (outcome == Outcome.DROP) {
                deadLetter(message, "dropped by the app");
                return true;
            }
            if (attempt < policy.maxAttempts()) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : backoff.multipliedBy(2);
            }
        }
        if (subscription.deadLetterTopic() != null) {
            deadLetter(message, "not delivered after " + policy.maxAttempts() + " attempts");
            return true;
        }
        LOG.log(Level.WARNING, "{0}: not delivered after {1} attempts; the broker will deliver it again",
                new Object[] {subscription.key(), policy.maxAttempts()});
        return false;
    }

    private Outcome post(byte[] event) {
        HttpResponse<String> r;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(policy.timeout())
                    .header("Content-Type", CloudEvents.MEDIA_TYPE);
            if (!toThisServer) {
                request.header(AccessPolicy.SERVER_REQUEST_HEADER, "1");
            } else if (apiToken != null) {
                request.header(AccessPolicy.APP_TOKEN_HEADER, apiToken);
            }
            r = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.log(Level.FINE, "{0}: delivery failed: {1}", new Object[] {subscription.key(), e.getMessage()});
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
        if (r.statusCode() == 404) {
            LOG.log(Level.WARNING, "{0}: the app answered 404; the message is dropped", subscription.key());
            return Outcome.DROP;
        }
        if (r.statusCode() / 100 != 2) {
            return Outcome.RETRY;
        }
        return status(r.body());
    }

    private Outcome status(String body) {
        if (body == null || body.isBlank()) {
            return Outcome.SUCCESS;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            if (!(reader.readValue() instanceof JsonObject o) || !(o.get("status") instanceof JsonString s)) {
                return Outcome.SUCCESS;
            }
            return switch (s.getString().toUpperCase(Locale.ROOT)) {
                case "SUCCESS", "" -> Outcome.SUCCESS;
                case "DROP" -> {
                    LOG.log(Level.WARNING, "{0}: the app asked to drop a message", subscription.key());
                    yield Outcome.DROP;
                }
                default -> Outcome.RETRY;
            };
        } catch (JsonException e) {
            return Outcome.SUCCESS; // not JSON: Dapr counts that as success
        }
    }

    private void deadLetter(byte[] message, String why) {
        String topic = subscription.deadLetterTopic();
        if (topic == null) {
            return;
        }
        try (PubSubConnection connection = broker.getConnection()) {
            connection.publish(topic, message);
            LOG.log(Level.INFO, "{0}: a message went to dead-letter topic {1} ({2})", new Object[] {subscription.key(), topic, why});
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
