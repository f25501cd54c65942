// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.metrics.PubSubMetrics;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubFullException;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes one message on a broker {@code eis/capa/pubsub/NAME}, for the HTTP and the gRPC API alike: the
 * body as a CloudEvent unless it goes raw ({@code rawPayload=true}), and the broker's refusals as
 * {@link DaprException}s with Dapr's codes (404 unknown pubsub, 400 bad rawPayload, 507 full, 500 failure).
 */
@ApplicationScoped
public class Publisher {
    private static final Logger LOG = Logger.getLogger(Publisher.class.getName());

    @Inject
    JndiComponents components;

    @Inject
    @ConfigProperty(name = "capa.app.id")
    String appId;

    @Inject
    Traces traces = Traces.off();

    @Inject
    PubSubMetrics metrics; // null outside CDI

    Publisher() {}

    /** Outside CDI (tests): on these components, as this app. */
    public Publisher(JndiComponents components, String appId) {
        this.components = components;
        this.appId = appId;
    }

    /** Publishes {@code body} on {@code topic}: as it is when {@code raw}, else in a CloudEvent envelope. */
    public void publish(String pubsub, String topic, byte[] body, String contentType, boolean raw) {
        try (TraceSpan span = PubSubTraces.publish(traces, pubsub, topic)) {
            try {
                send(pubsub, topic, body, contentType, raw);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private void send(String pubsub, String topic, byte[] body, String contentType, boolean raw) {
        PubSubConnectionFactory broker = broker(pubsub);
        byte[] message = raw ? body : envelope(body, contentType, pubsub, topic);
        boolean failed = true;
        try (PubSubConnection connection = broker.getConnection()) {
            publish(connection, topic, message, raw);
            failed = false;
        } catch (PubSubFullException e) {
            throw new DaprException(507, "ERR_PUBSUB_FULL", "pubsub " + pubsub + " cannot take the message for topic "
                    + topic + ": " + e.getMessage());
        } catch (PubSubException e) {
            throw new DaprException(500, "ERR_PUBSUB_PUBLISH_MESSAGE", "error when publishing to topic " + topic
                    + " in pubsub " + pubsub + ": " + brokerFailure(pubsub, topic, e), e);
        } finally {
            count(pubsub, topic, failed);
        }
    }

    private void count(String pubsub, String topic, boolean failed) {
        if (metrics != null) {
            metrics.published(pubsub, topic, failed);
        }
    }

    /**
     * Dapr's bulk publish, for the HTTP and the gRPC API alike: every entry checked first (a unique, non-empty id:
     * else 400 {@code ERR_PUBSUB_EVENTS_SER} and nothing is published), then each published on its own, not
     * atomically: the entries the broker did not take come back, the others are published.
     */
    public List<BulkFailure> publishBulk(String pubsub, String topic, List<BulkEntry> entries, boolean raw) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String id = entries.get(i).entryId();
            if (id.isEmpty() || !ids.add(id)) {
                throw new DaprException(400, "ERR_PUBSUB_EVENTS_SER", "entry " + i + " needs a unique, non-empty entryId"
                        + (id.isEmpty() ? "" : ": '" + id + "' is repeated"));
            }
        }
        PubSubConnectionFactory broker = broker(pubsub);
        // every envelope is made before the first message goes: a malformed entry publishes nothing
        List<byte[]> messages = new ArrayList<>(entries.size());
        for (BulkEntry entry : entries) {
            messages.add(raw ? entry.event() : envelope(entry.event(), entry.contentType(), pubsub, topic));
        }
        List<BulkFailure> failed = new ArrayList<>();
        try (PubSubConnection connection = broker.getConnection()) {
            for (int i = 0; i < messages.size(); i++) {
                try {
                    publish(connection, topic, messages.get(i), raw);
                    count(pubsub, topic, false);
                } catch (PubSubException e) {
                    count(pubsub, topic, true);
                    failed.add(new BulkFailure(entries.get(i).entryId(), brokerFailure(pubsub, topic, e)));
                }
            }
        }
        return failed;
    }

    /** A raw message has no envelope for its trace context: it goes in the broker's message headers. */
    private void publish(PubSubConnection connection, String topic, byte[] message, boolean raw) {
        Map<String, String> headers = raw ? PubSubTraces.context(traces) : Map.of();
        if (headers.isEmpty()) {
            connection.publish(topic, message);
        } else {
            connection.publish(topic, message, headers);
        }
    }

    byte[] envelope(byte[] body, String contentType, String pubsub, String topic) {
        return CloudEvents.envelope(body, contentType, appId, pubsub, topic, PubSubTraces.context(traces));
    }

    PubSubConnectionFactory broker(String name) {
        return components.find("pubsub", name, PubSubConnectionFactory.class).orElseThrow(
                () -> new DaprException(404, "ERR_PUBSUB_NOT_FOUND", "pubsub " + name + " is not found"));
    }

    /** The {@code rawPayload} metadata: absent is false; anything but true or false is refused. */
    public static boolean rawPayload(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new DaprException(400, "ERR_PUBSUB_REQUEST_METADATA", "metadata.rawPayload must be true or false, got " + value);
        };
    }

    /**
     * What the client learns of a broker's failure: the broker's own message names its hosts and
     * ports, so it goes to the log, as for bindings.
     */
    static String brokerFailure(String pubsub, String topic, PubSubException e) {
        LOG.log(Level.WARNING, "publishing to topic {0} of pubsub {1} failed: {2}", new Object[] {topic, pubsub, e.getMessage()});
        return "the broker refused the message or is unavailable; the server log has the detail";
    }
}
