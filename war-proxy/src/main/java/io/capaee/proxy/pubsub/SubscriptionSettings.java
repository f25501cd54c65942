// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.InvalidValueException;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.security.SecuritySettings;
import io.capaee.grpc.AppProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Pub/sub delivery settings from MicroProfile Config, their defaults in server.xml: {@code capa.app.id},
 * {@code capa.app.url} (none: only absolute routes are delivered, nothing is discovered), {@code capa.app.protocol}
 * (how that app is reached: {@code http}, or {@code grpc} for its {@code AppCallback} service),
 * {@code capa.pubsub.discovery-interval}, {@code capa.pubsub.max-attempts},
 * {@code capa.pubsub.initial-backoff}, {@code capa.pubsub.max-backoff}, {@code capa.pubsub.local-url}
 * (this server, for {@code function:} and {@code actor:} routes), {@code capa.dapr.api-token} (sent to
 * this server's actor API by {@code actor:} routes), {@code capa.pubsub.max-concurrent-deliveries} (a
 * subscription's deliveries under way at once; 1: one at a time, in order); and
 * {@code capa.pubsub.delivery-timeout}, no variable, default here (PT30S).
 */
record SubscriptionSettings(String appId, String appUrl, boolean grpcApp, String localUrl, String apiToken, Duration discoveryInterval,
        DeliveryPolicy policy, Duration deliveryTimeout, int maxConcurrentDeliveries) {
    static final String DECLARED = "capa.subscription.";
    static final String MAX_CONCURRENT_DELIVERIES = "capa.pubsub.max-concurrent-deliveries";

    SubscriptionSettings {
        if (maxConcurrentDeliveries < 1) {
            throw new IllegalArgumentException(MAX_CONCURRENT_DELIVERIES + ": " + maxConcurrentDeliveries + " must be at least 1");
        }
    }

    static SubscriptionSettings fromConfig(Config config) {
        String appUrl = config.getOptionalValue("capa.app.url", String.class).map(String::strip)
                .filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", "")).orElse(null);
        DeliveryPolicy policy = policy(config.getValue("capa.pubsub.max-attempts", Integer.class),
                config.getValue("capa.pubsub.initial-backoff", Duration.class), config.getValue("capa.pubsub.max-backoff", Duration.class));
        String localUrl = config.getValue("capa.pubsub.local-url", String.class).strip().replaceAll("/+$", "");
        String apiToken = SecuritySettings.ownAppToken(config.getOptionalValue(SecuritySettings.APP_TOKEN_KEY, String.class)).orElse(null);
        return new SubscriptionSettings(config.getValue("capa.app.id", String.class), appUrl, grpcApp(config), localUrl, apiToken,
                config.getValue("capa.pubsub.discovery-interval", Duration.class), policy,
                config.getOptionalValue("capa.pubsub.delivery-timeout", Duration.class).orElse(Duration.ofSeconds(30)),
                config.getValue(MAX_CONCURRENT_DELIVERIES, Integer.class));
    }

    /** {@code capa.app.protocol}: whether the app at {@code capa.app.url} is reached over gRPC. */
    static boolean grpcApp(Config config) {
        return AppProtocol.of(config.getOptionalValue(AppProtocol.KEY, String.class).orElse("")) == AppProtocol.GRPC;
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

    /** A subscription's deliveries under way at once: its own, else this server's setting. */
    int maxConcurrentDeliveries(Subscription subscription) {
        return subscription.maxConcurrentDeliveries() > 0 ? subscription.maxConcurrentDeliveries() : maxConcurrentDeliveries;
    }

    private static int declaredConcurrency(Config config, String key) {
        Optional<Integer> value = config.getOptionalValue(key, Integer.class);
        if (value.isPresent() && value.get() < 1) {
            throw new IllegalStateException(key + " must be at least 1, not " + value.get());
        }
        return value.orElse(0);
    }

    /** {@code capa.subscription.NAME.pubsub|topic|route|dead-letter-topic|raw-payload|max-concurrent-deliveries}. */
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
                            () -> new IllegalStateException(p + "route must be set: a path on capa.app.url or a URL")),
                    config.getOptionalValue(p + "dead-letter-topic", String.class).orElse(null),
                    config.getOptionalValue(p + "raw-payload", Boolean.class).orElse(false),
                    "DECLARATIVE", declaredConcurrency(config, p + Subscription.CONCURRENCY_PROPERTY)));
        }
        return result;
    }
}
