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
 * The delivery contract with a tiny local endpoint: beforeDelivery, onMessage, afterDelivery and
 * release for every attempt, even when the bean throws; retries up to the policy, then give up.
 */
class RetryingDeliveryTest {
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

    @Test
    void aSuccessfulDeliveryFollowsTheContract() {
        List<String> calls = new ArrayList<>();
        RetryingDelivery delivery = new RetryingDelivery(new EndpointInvoker(factory(calls, 0)),
                new DeliveryPolicy(3, 0, 0), () -> false);
        RetryingDelivery.Outcome outcome = delivery.deliver(MESSAGE);
        assertTrue(outcome.delivered());
        assertEquals(List.of("before:onMessage", "onMessage#1", "after", "release"), calls);
    }

    @Test
    void aFailingBeanIsRetriedAndEveryAttemptIsClosedAndReleased() {
        List<String> calls = new ArrayList<>();
        RetryingDelivery delivery = new RetryingDelivery(new EndpointInvoker(factory(calls, 2)),
                new DeliveryPolicy(5, 1, 2), () -> false);
        RetryingDelivery.Outcome outcome = delivery.deliver(MESSAGE);
        assertTrue(outcome.delivered());
        assertEquals(3, outcome.attempts());
        assertEquals(List.of("before:onMessage", "onMessage#1", "after", "release",
                "before:onMessage", "onMessage#2", "after", "release",
                "before:onMessage", "onMessage#3", "after", "release"), calls);
    }

    @Test
    void afterMaxAttemptsTheLastFailureIsReported() {
        List<String> calls = new ArrayList<>();
        RetryingDelivery delivery = new RetryingDelivery(new EndpointInvoker(factory(calls, 99)),
                new DeliveryPolicy(3, 0, 0), () -> false);
        RetryingDelivery.Outcome outcome = delivery.deliver(MESSAGE);
        assertFalse(outcome.delivered());
        assertEquals(3, outcome.attempts());
        assertTrue(outcome.reason().contains("bean failed"), outcome.reason());
        assertEquals(3, calls.stream().filter("release"::equals).count());
    }

    @Test
    void aStoppingEndpointDoesNotWaitOutItsBackoff() {
        List<String> calls = new ArrayList<>();
        RetryingDelivery delivery = new RetryingDelivery(new EndpointInvoker(factory(calls, 99)),
                new DeliveryPolicy(5, 60_000, 60_000), () -> calls.size() >= 4);
        long start = System.nanoTime();
        RetryingDelivery.Outcome outcome = delivery.deliver(MESSAGE);
        assertFalse(outcome.delivered());
        assertEquals(null, outcome.lastFailure(), "stopped, not failed: the caller must not dead-letter as failed");
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}
