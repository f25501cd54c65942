// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an input binding's invoker counts: each attempt that delivered, each that failed, and each message out of
 * attempts that its source settled (dead-lettered or dropped); never a message delivered late, nor one the source
 * could not settle (it comes again), nor one handed back when the endpoint stops.
 */
class DeadLetterCountTest {
    private static final InboundMessage MESSAGE = new InboundMessage("kafka", "orders", null, new byte[] {1},
            Map.of(), 1, "");

    private static DeliveryLine.Taken<String> taken(String id) {
        return new DeliveryLine.Taken<>(id, MESSAGE);
    }

    @Test
    void aMessageOutOfAttemptsThatTheSourceSettledIsADeadLetter() {
        EndpointInvoker invoker = new EndpointInvoker(DeliveryLineTest.factory(new ArrayList<>(), 3));
        DeliveryLine<DeliveryLine.Taken<String>> line = DeliveryLine.toEndpoint(invoker, new DeliveryPolicy(3, 0, 0),
                (message, outcome) -> true, (messages, first) -> { });
        line.add(taken("poison"));
        line.add(taken("good"));
        line.deliver(() -> false);
        assertEquals(1, invoker.deadLetters());
        assertEquals(1, invoker.deliveries(), "the message behind it was delivered");
        assertEquals(3, invoker.failures(), "every failed attempt");
    }

    @Test
    void aMessageDeliveredOnARetryIsNoDeadLetter() {
        EndpointInvoker invoker = new EndpointInvoker(DeliveryLineTest.factory(new ArrayList<>(), 2));
        DeliveryLine<DeliveryLine.Taken<String>> line = DeliveryLine.toEndpoint(invoker, new DeliveryPolicy(3, 0, 0),
                (message, outcome) -> true, (messages, first) -> { });
        line.add(taken("flaky"));
        line.deliver(() -> false);
        assertEquals(0, invoker.deadLetters());
        assertEquals(1, invoker.deliveries());
        assertEquals(2, invoker.failures());
    }

    @Test
    void aMessageTheSourceCouldNotSettleIsNoDeadLetterYet() {
        EndpointInvoker invoker = new EndpointInvoker(DeliveryLineTest.factory(new ArrayList<>(), 10));
        List<String> handedBack = new ArrayList<>();
        DeliveryLine<DeliveryLine.Taken<String>> line = DeliveryLine.toEndpoint(invoker, new DeliveryPolicy(2, 0, 0),
                (message, outcome) -> false, (messages, first) -> messages.forEach(m -> handedBack.add(m.original())));
        line.add(taken("poison"));
        line.deliver(() -> false);
        assertEquals(List.of("poison"), handedBack, "the dead letter could not be written: it comes again");
        assertEquals(0, invoker.deadLetters());
    }

    @Test
    void messagesHandedBackWhenTheEndpointStopsAreNoDeadLetters() {
        EndpointInvoker invoker = new EndpointInvoker(DeliveryLineTest.factory(new ArrayList<>(), 10));
        DeliveryLine<DeliveryLine.Taken<String>> line = DeliveryLine.toEndpoint(invoker, new DeliveryPolicy(5, 1000, 1000),
                (message, outcome) -> true, (messages, first) -> { });
        line.add(taken("poison"));
        line.deliver(() -> false); // first attempt failed; the next waits for its back-off
        line.handBack();
        assertEquals(0, invoker.deadLetters());
        assertEquals(1, invoker.failures());
    }

    @Test
    void theBeanIsTheLastPartOfTheActivationName() {
        assertEquals("TestBean", new EndpointInvoker(DeliveryLineTest.factory(new ArrayList<>(), 0)).bean());
    }
}
