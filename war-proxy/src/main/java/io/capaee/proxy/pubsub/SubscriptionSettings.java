// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.InvalidValueException;
import io.capaee.api.security.SecuritySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Pub/sub delivery settings from MicroProfile Config, each default here: {@code capa.app-id},
 * {@code capa.app-url} (none: only absolute routes are delivered, nothing is discovered),
 * {@code capa.pubsub.discovery-interval} (PT10S), {@code capa.pubsub.max-attempts} (5),
 * {@code capa.pubsub.initial-backoff} (PT0.1S), {@code capa.pubsub.max-backoff} (PT5S),
 * {@code capa.pubsub.delivery-timeout} (PT30S), {@code capa.pubsub.local-url} (this server, for
 * {@code function:} and {@code actor:} routes; http://localhost:9080), {@code capa.dapr.api-token}
 * (sent to this server's actor API by {@code actor:} routes).
 */
record SubscriptionSettings(String appId, String appUrl, String localUrl, String apiToken, Duration discoveryInterval,
        DeliveryPolicy policy, Duration deliveryTimeout) {
    static final String DECLARED = "capa.subscription.";

    static SubscriptionSettings fromConfig(Config config) {
        String appUrl = config.getOptionalValue("capa.app-url", String.class).map(String::strip)
                .filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", "")).orElse(null);
        DeliveryPolicy policy = policy(config.getOptionalValue("capa.pubsub.max-attempts", Integer.class).orElse(5),
                duration(config, "capa.pubsub.initial-backoff", "PT0.1S"), duration(config, "capa.pubsub.max-backoff", "PT5S"));
        String localUrl = config.getOptionalValue("capa.pubsub.local-url", String.class).map(String::strip)
                .filter(u -> !u.isEmpty()).orElse("http://localhost:9080").replaceAll("/+$", "");
        String apiToken = SecuritySettings.ownAppToken(config.getOptionalValue(SecuritySettings.APP_TOKEN_KEY, String.class)).orElse(null);
        return new SubscriptionSettings(config.getOptionalValue("capa.app-id", String.class).orElse("capa"), appUrl, localUrl, apiToken,
                duration(config, "capa.pubsub.discovery-interval", "PT10S"), policy,
                duration(config, "capa.pubsub.delivery-timeout", "PT30S"));
    }

    /** The policy, or a refusal naming the setting ({@code capa.pubsub.max-attempts}, {@code initial-backoff}, {@code max-backoff}). */
    static DeliveryPolicy policy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        try {
            return new DeliveryPolicy(maxAttempts, initialBackoff.toMillis(), maxBackoff.toMillis());
        } catch (InvalidValueException e) {
            String key = switch (e.field()) {
                case "maxAttempts" -> "capa.pubsub.max-attempts";
                case "initialBackoffMillis" -> "capa.pubsub.initial-backoff";
                default -> "capa.pubsub.max-backoff";
            };
            throw new IllegalArgumentException(key + ": " + e.problem(), e);
        }
    }

    /** {@code capa.subscription.NAME.pubsub|topic|route|dead-letter-topic|raw-payload}. */
    static List<Subscription> declared(Config config) {
        TreeSet<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(DECLARED) && property.endsWith(".topic")) {
                names.add(property.substring(DECLARED.length(), property.length() - ".topic".length()));
            }
        }
        List<Subscription> result = new ArrayList<>();
        for (String name : names) {
            String p = DECLARED + name + ".";
            result.add(new Subscription(
                    config.getOptionalValue(p + "pubsub", String.class).orElse("pubsub"),
                    config.getValue(p + "topic", String.class),
                    config.getOptionalValue(p + "route", String.class).orElseThrow(
                            () -> new IllegalStateException(p + "route must be set: a path on capa.app-url or a URL")),
                    config.getOptionalValue(p + "dead-letter-topic", String.class).orElse(null),
                    config.getOptionalValue(p + "raw-payload", Boolean.class).orElse(false),
                    "DECLARATIVE"));
        }
        return result;
    }

    private static Duration duration(Config config, String key, String fallback) {
        return Duration.parse(config.getOptionalValue(key, String.class).orElse(fallback));
    }
}
