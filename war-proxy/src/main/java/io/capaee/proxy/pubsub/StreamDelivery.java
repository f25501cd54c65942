// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers a streaming subscription's messages to the client at the other end of its gRPC stream, as Dapr's streamer
 * does: each message goes out as the {@link TopicEventRequest} an app's {@code OnTopicEvent} gets, and the attempt
 * waits for the client's {@code EventProcessed} of that id: {@code SUCCESS} delivers, {@code DROP} drops (to the
 * dead-letter topic, when one is named), {@code RETRY}, an unknown status or no answer within
 * {@code capa.pubsub.delivery-timeout} retry, by the subscription's policy, as for every other subscription.
 *
 * <p>Once the stream has ended, nothing counts as delivered that the client did not acknowledge: the message waiting
 * for an answer is given up on (RETRY), and one out of attempts then is left with the broker, not sent to the
 * dead-letter topic, so that it reaches the next subscriber as the broker redelivers it.
 *
 * <p>Attempts come from the broker's loop, one at a time; answers and the end come from the stream's threads.
 */
final class StreamDelivery implements DeliveryHandler {
    private static final Logger LOG = Logger.getLogger(StreamDelivery.class.getName());

    private final Subscription subscription;
    private final Consumer<TopicEventRequest> send;
    private final String appId;
    private final PubSubConnectionFactory broker;
    private final Duration timeout;
    private final Traces traces;
    private String awaited; // guarded by this: the id of the event sent and not yet answered
    private CompletableFuture<TopicEventResponseStatus> answer; // guarded by this; completed with null when the stream ends
    private boolean ended; // guarded by this

    /** @param send writes one event to the stream; throws when the stream is gone */
    StreamDelivery(Subscription subscription, Consumer<TopicEventRequest> send, SubscriptionSettings settings,
                   PubSubConnectionFactory broker, Traces traces) {
        this.traces = traces;
        this.subscription = subscription;
        this.send = send;
        this.appId = settings.appId();
        this.broker = broker;
        this.timeout = settings.deliveryTimeout();
    }

    @Override
    public Outcome attempt(byte[] message, int attempt) {
        return attempt(message, Map.of(), attempt);
    }

    /** @param headers the message's broker headers: a raw message's trace context, which has no envelope to carry it */
    @Override
    public Outcome attempt(byte[] message, Map<String, String> headers, int attempt) {
        byte[] envelope = CloudEvents.asEvent(message, appId, subscription.pubsub(), subscription.topic());
        try (TraceSpan span = PubSubTraces.deliver(traces, subscription, envelope, headers, attempt)) {
            Outcome outcome = send(withContext(GrpcDelivery.request(subscription, envelope), span));
            span.attribute("capaee.delivery.outcome", outcome.name());
            return outcome;
        }
    }

    /**
     * {@code event} with the delivery's context in its {@code traceparent} and {@code tracestate} extensions, in place
     * of the publisher's: one stream carries every event, so no call metadata can say which delivery an event is.
     */
    private static TopicEventRequest withContext(TopicEventRequest event, TraceSpan span) {
        Map<String, String> fields = PubSubTraces.fields(span);
        if (fields.isEmpty()) {
            return event;
        }
        Struct.Builder extensions = event.getExtensions().toBuilder();
        fields.forEach((name, value) -> extensions.putFields(name, Value.newBuilder().setStringValue(value).build()));
        return event.toBuilder().setExtensions(extensions).build();
    }

    private Outcome send(TopicEventRequest event) {
        CompletableFuture<TopicEventResponseStatus> waiting = new CompletableFuture<>();
        synchronized (this) {
            if (ended) {
                return Outcome.RETRY;
            }
            awaited = event.getId();
            answer = waiting;
        }
        TopicEventResponseStatus status;
        try {
            send.accept(event);
            status = waiting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.FINE, "{0}: no answer for event {1} within {2}", new Object[] {subscription.key(), event.getId(), timeout});
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        } catch (ExecutionException | RuntimeException e) {
            LOG.log(Level.FINE, "{0}: event {1} not sent: {2}", new Object[] {subscription.key(), event.getId(), e.getMessage()});
            return Outcome.RETRY;
        } finally {
            synchronized (this) {
                awaited = null;
                answer = null;
            }
        }
        if (status == null) {
            return Outcome.RETRY; // the stream ended first
        }
        return switch (status) {
            case SUCCESS -> Outcome.DELIVERED;
            case DROP -> {
                LOG.log(Level.WARNING, "{0}: the client asked to drop event {1}", new Object[] {subscription.key(), event.getId()});
                yield Outcome.DROP;
            }
            default -> Outcome.RETRY;
        };
    }

    /** The client's answer: completes the attempt that waits for {@code id}; false when none does. */
    boolean processed(String id, TopicEventResponseStatus status) {
        synchronized (this) {
            if (answer == null || !id.equals(awaited)) {
                return false;
            }
            answer.complete(status);
            answer = null;
            awaited = null;
            return true;
        }
    }

    /** The stream ended: the attempt under way, if any, gives up, and no further one sends anything. */
    synchronized void end() {
        ended = true;
        if (answer != null) {
            answer.complete(null);
        }
    }

    @Override
    public boolean undelivered(byte[] message, Outcome last, int attempts) {
        synchronized (this) {
            if (ended && last != Outcome.DROP) {
                return false; // the client never answered it: the broker keeps it for the next subscriber
            }
        }
        return DeadLetters.undelivered(subscription, broker, message, last, attempts);
    }
}
