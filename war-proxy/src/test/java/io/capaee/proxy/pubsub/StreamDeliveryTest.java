// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler.Outcome;
import io.capaee.api.tracing.Traces;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A streaming subscription's deliveries as the broker's loop drives them: each attempt sends the event and waits for
 * the client's answer of its id; what the answers, the silence and the stream's end come to.
 */
class StreamDeliveryTest {
    private static final byte[] ORDER = CloudEvents.envelope("{\"item\":\"tea\"}".getBytes(StandardCharsets.UTF_8), "application/json",
            "shop", "pubsub", "orders");
    private final BlockingQueue<TopicEventRequest> sent = new LinkedBlockingQueue<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final ExecutorService loop = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private StreamDelivery delivery(String deadLetterTopic, Duration timeout) {
        SubscriptionSettings settings = new SubscriptionSettings("test-app", null, false, "http://127.0.0.1:2", null,
                Duration.ofSeconds(1), new DeliveryPolicy(3, 10, 100), timeout, 1);
        return new StreamDelivery(new Subscription("pubsub", "orders", "/", deadLetterTopic, false, "STREAMING"), sent::add, settings,
                new FakeBroker(published), Traces.off());
    }

    /** The outcome of one attempt, the client answering {@code status} to the event it was sent. */
    private Outcome attemptAnswered(StreamDelivery delivery, TopicEventResponseStatus status) throws Exception {
        Future<Outcome> outcome = loop.submit(() -> delivery.attempt(ORDER, 1));
        TopicEventRequest event = sent.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "the event was sent");
        assertFalse(delivery.processed(event.getId() + "-other", status), "an answer for another event does not count");
        assertTrue(delivery.processed(event.getId(), status));
        return outcome.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theEventGoesOutAsAnAppsOnTopicEventGetsIt() throws Exception {
        StreamDelivery delivery = delivery(null, Duration.ofSeconds(10));
        assertEquals(Outcome.DELIVERED, attemptAnswered(delivery, TopicEventResponseStatus.SUCCESS));
        TopicEventRequest event = GrpcDelivery.request(new Subscription("pubsub", "orders", "/", null, false, "STREAMING"), ORDER);
        assertEquals("orders", event.getTopic());
        assertEquals("pubsub", event.getPubsubName());
        assertEquals("{\"item\":\"tea\"}", event.getData().toStringUtf8());
    }

    @Test
    void retryAsksForAnotherAttemptAndDropGoesToTheDeadLetterTopic() throws Exception {
        StreamDelivery delivery = delivery("orders-dead", Duration.ofSeconds(10));
        assertEquals(Outcome.RETRY, attemptAnswered(delivery, TopicEventResponseStatus.RETRY));
        assertEquals(Outcome.DROP, attemptAnswered(delivery, TopicEventResponseStatus.DROP));
        assertTrue(delivery.undelivered(ORDER, Outcome.DROP, 2), "the broker may forget it");
        assertEquals(List.of(new String(ORDER, StandardCharsets.UTF_8)), published);
    }

    @Test
    void aDropWithoutDeadLetterTopicIsGoneAndARetryOutOfAttemptsStaysWithTheBroker() {
        StreamDelivery delivery = delivery(null, Duration.ofSeconds(10));
        assertTrue(delivery.undelivered(ORDER, Outcome.DROP, 1));
        assertFalse(delivery.undelivered(ORDER, Outcome.RETRY, 3));
        assertEquals(List.of(), published);
    }

    @Test
    void noAnswerInTimeIsARetryAndALateAnswerCountsForNothing() throws Exception {
        StreamDelivery delivery = delivery(null, Duration.ofMillis(200));
        Future<Outcome> outcome = loop.submit(() -> delivery.attempt(ORDER, 1));
        TopicEventRequest event = sent.poll(10, TimeUnit.SECONDS);
        assertEquals(Outcome.RETRY, outcome.get(10, TimeUnit.SECONDS));
        assertFalse(delivery.processed(event.getId(), TopicEventResponseStatus.SUCCESS));
    }

    @Test
    void theStreamsEndGivesUpTheAttemptAndLeavesTheMessageWithTheBrokerEvenWithADeadLetterTopic() throws Exception {
        StreamDelivery delivery = delivery("orders-dead", Duration.ofSeconds(30));
        Future<Outcome> outcome = loop.submit(() -> delivery.attempt(ORDER, 3));
        TopicEventRequest event = sent.poll(10, TimeUnit.SECONDS);
        delivery.end();
        assertEquals(Outcome.RETRY, outcome.get(10, TimeUnit.SECONDS), "the attempt returns at once, not after its timeout");
        assertFalse(delivery.processed(event.getId(), TopicEventResponseStatus.SUCCESS));
        assertFalse(delivery.undelivered(ORDER, Outcome.RETRY, 3), "not acknowledged: the broker keeps it");
        assertEquals(List.of(), published, "nothing went to the dead-letter topic");

        assertEquals(Outcome.RETRY, delivery.attempt(ORDER, 1), "after the end nothing is sent");
        assertTrue(sent.isEmpty());
    }

    @Test
    void aStreamThatCannotBeWrittenIsARetry() {
        SubscriptionSettings settings = new SubscriptionSettings("test-app", null, false, "http://127.0.0.1:2", null,
                Duration.ofSeconds(1), new DeliveryPolicy(3, 10, 100), Duration.ofSeconds(30), 1);
        StreamDelivery delivery = new StreamDelivery(new Subscription("pubsub", "orders", "/", null, false, "STREAMING"), e -> {
            throw new IllegalStateException("the stream has ended");
        }, settings, new FakeBroker(published), Traces.off());
        assertEquals(Outcome.RETRY, delivery.attempt(ORDER, 1));
    }

    @Test
    void aRawMessageIsWrappedWithAnIdOfItsOwn() throws Exception {
        StreamDelivery delivery = delivery(null, Duration.ofSeconds(10));
        Future<Outcome> outcome = loop.submit(() -> delivery.attempt("plain".getBytes(StandardCharsets.UTF_8), 1));
        TopicEventRequest event = sent.poll(10, TimeUnit.SECONDS);
        assertNotEquals("", event.getId());
        assertEquals("plain", event.getData().toStringUtf8());
        delivery.processed(event.getId(), TopicEventResponseStatus.SUCCESS);
        assertEquals(Outcome.DELIVERED, outcome.get(10, TimeUnit.SECONDS));
    }
}
