// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.DeliveryPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.NatsListener;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deliveries in turns: the endpoint contract for every attempt (beforeDelivery, onMessage,
 * afterDelivery and release, even when the bean throws); a failed attempt ends the turn with its
 * back-off instead of sleeping it out; order; giving up after the policy's attempts; handing back.
 */
class DeliveryLineTest {
    private static final InboundMessage MESSAGE = new InboundMessage("nats", "orders", null, new byte[] {1},
            Map.of(), 1, "");

    /** Records the calls; the bean fails for its first {@code failures} messages. */
    static final class Endpoint implements MessageEndpoint, NatsListener {
        final List<String> calls;
        final int[] remainingFailures;

        Endpoint(List<String> calls, int[] remainingFailures) {
            this.calls = calls;
            this.remainingFailures = remainingFailures;
        }

        @Override
        public void onMessage(InboundMessage message) {
            calls.add("onMessage#" + message.attempt());
            if (remainingFailures[0]-- > 0) {
                throw new IllegalStateException("bean failed");
            }
        }

        @Override
        public void beforeDelivery(Method method) {
            calls.add("before:" + method.getName());
        }

        @Override
        public void afterDelivery() {
            calls.add("after");
        }

        @Override
        public void release() {
            calls.add("release");
        }
    }

    static MessageEndpointFactory factory(List<String> calls, int failures) {
        int[] remaining = {failures};
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) {
                return new Endpoint(calls, remaining);
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xa, long timeout) throws UnavailableException {
                return createEndpoint(xa);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "TestBean";
            }

            @Override
            public Class<?> getEndpointClass() {
                return Endpoint.class;
            }
        };
    }

    /** A clock the test moves by hand. */
    private final long[] now = {0};
    private final List<String> settled = new ArrayList<>();
    private final List<String> handedBack = new ArrayList<>();
    private DeliveryOutcome firstHandedBack;

    private DeliveryLine<String> line(DeliveryPolicy policy, DeliveryLine.Attempt<String> attempt,
            DeliveryLine.Settle<String> settle) {
        return new DeliveryLine<>(new Attempts(policy, () -> now[0]), attempt, settle, (messages, first) -> {
            handedBack.addAll(messages);
            firstHandedBack = first;
        }, "test messages");
    }

    private DeliveryLine.Settle<String> recording() {
        return (message, outcome) -> {
            settled.add(message + (outcome.delivered() ? " delivered" : " failed") + " after " + outcome.attempts());
            return true;
        };
    }

    private void advanceMillis(long millis) {
        now[0] += millis * 1_000_000L;
    }

    /** Fails the first {@code failures} attempts of each message, recording every attempt. */
    private static DeliveryLine.Attempt<String> failing(List<String> attempts, int failures) {
        return (message, attempt) -> {
            attempts.add(message + "#" + attempt);
            if (attempt <= failures) {
                throw new IllegalStateException("bean failed");
            }
        };
    }

    @Test
    void aSuccessfulDeliveryFollowsTheEndpointContract() {
        List<String> calls = new ArrayList<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        DeliveryLine<DeliveryLine.Taken<String>> line = DeliveryLine.toEndpoint(new EndpointInvoker(factory(calls, 0)),
                new DeliveryPolicy(3, 0, 0), (taken, outcome) -> outcomes.add(outcome), (messages, first) -> { });
        line.add(new DeliveryLine.Taken<>("orders#1", MESSAGE));
        assertEquals(0, line.deliver(() -> false));
        assertTrue(line.isEmpty());
        assertEquals(List.of(DeliveryOutcome.delivered(1)), outcomes);
        assertEquals(List.of("before:onMessage", "onMessage#1", "after", "release"), calls);
    }

    @Test
    void everyAttemptOfAFailingBeanIsClosedAndReleasedAndNumbered() {
        List<String> calls = new ArrayList<>();
        DeliveryLine<DeliveryLine.Taken<String>> line = DeliveryLine.toEndpoint(new EndpointInvoker(factory(calls, 2)),
                new DeliveryPolicy(5, 0, 0), (taken, outcome) -> true, (messages, first) -> { });
        line.add(new DeliveryLine.Taken<>("orders#1", MESSAGE));
        assertEquals(0, line.deliver(() -> false), "no back-off: the retries follow in the same turn");
        assertEquals(List.of("before:onMessage", "onMessage#1", "after", "release",
                "before:onMessage", "onMessage#2", "after", "release",
                "before:onMessage", "onMessage#3", "after", "release"), calls);
    }

    @Test
    void aFailedAttemptEndsTheTurnWithItsBackoffAndALaterTurnRetriesIt() {
        List<String> attempts = new ArrayList<>();
        DeliveryLine<String> line = line(new DeliveryPolicy(5, 100, 400), failing(attempts, 2), recording());
        line.add("a");
        assertEquals(100, line.deliver(() -> false), "the pause before attempt 2");
        advanceMillis(60);
        assertEquals(40, line.deliver(() -> false), "not due yet: no attempt, the rest of the pause");
        assertEquals(List.of("a#1"), attempts);
        advanceMillis(40);
        assertEquals(200, line.deliver(() -> false), "attempt 2 failed: the doubled pause before attempt 3");
        advanceMillis(200);
        assertEquals(0, line.deliver(() -> false));
        assertEquals(List.of("a#1", "a#2", "a#3"), attempts);
        assertEquals(List.of("a delivered after 3"), settled);
        assertTrue(line.isEmpty());
    }

    @Test
    void nothingBehindAMessageWaitingForItsRetryOvertakesIt() {
        List<String> attempts = new ArrayList<>();
        DeliveryLine<String> line = line(new DeliveryPolicy(3, 10, 10), failing(attempts, 1), recording());
        line.add("a");
        line.add("b");
        assertEquals(10, line.deliver(() -> false));
        assertEquals(List.of("a#1"), attempts, "b waits behind a");
        advanceMillis(10);
        assertEquals(10, line.deliver(() -> false), "a went, then b failed its first attempt");
        advanceMillis(10);
        assertEquals(0, line.deliver(() -> false));
        assertEquals(List.of("a#1", "a#2", "b#1", "b#2"), attempts);
        assertEquals(List.of("a delivered after 2", "b delivered after 2"), settled);
    }

    @Test
    void aMessageOutOfAttemptsIsSettledAsFailedWithItsLastFailureAndTheLineGoesOn() {
        List<String> attempts = new ArrayList<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        DeliveryLine<String> line = line(new DeliveryPolicy(2, 5, 5), (message, attempt) -> {
            attempts.add(message + "#" + attempt);
            if (message.equals("poison")) {
                throw new IllegalStateException("bean failed on " + message);
            }
        }, (message, outcome) -> outcomes.add(outcome));
        line.add("poison");
        line.add("b");
        assertEquals(5, line.deliver(() -> false));
        advanceMillis(5);
        assertEquals(0, line.deliver(() -> false));
        assertEquals(List.of("poison#1", "poison#2", "b#1"), attempts);
        assertFalse(outcomes.get(0).delivered());
        assertTrue(outcomes.get(0).failed());
        assertEquals(2, outcomes.get(0).attempts());
        assertTrue(outcomes.get(0).reason().contains("bean failed on poison"), outcomes.get(0).reason());
        assertEquals(DeliveryOutcome.delivered(1), outcomes.get(1));
    }

    @Test
    void aMessageThatCannotBeSettledIsHandedBackWithEverythingBehindIt() {
        DeliveryLine<String> line = line(new DeliveryPolicy(1, 0, 0), failing(new ArrayList<>(), 1),
                (message, outcome) -> false);
        line.add("a");
        line.add("b");
        line.add("c");
        assertEquals(0, line.deliver(() -> false));
        assertTrue(line.isEmpty());
        assertEquals(List.of("a", "b", "c"), handedBack, "the source hands them over again, in order");
    }

    @Test
    void aStopEndsTheTurnAtOnceAndHandsBackWhatIsInLineWithTheAttemptsMade() {
        List<String> attempts = new ArrayList<>();
        boolean[] stopping = {false};
        DeliveryLine<String> line = line(new DeliveryPolicy(5, 60_000, 60_000), failing(attempts, 99), recording());
        line.add("a");
        line.add("b");
        assertEquals(60_000, line.deliver(() -> stopping[0]));
        stopping[0] = true;
        advanceMillis(60_000);
        assertEquals(0, line.deliver(() -> stopping[0]), "stopping: no further attempt");
        line.handBack();
        assertEquals(List.of("a#1"), attempts);
        assertEquals(List.of(), settled);
        assertEquals(List.of("a", "b"), handedBack);
        assertEquals(DeliveryOutcome.stopped(1), firstHandedBack);
        assertFalse(firstHandedBack.failed(), "stopped, not failed: the caller must not dead-letter it as failed");
    }
}
