// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InboundListener;
import io.capaee.api.inbound.InboundMessage;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.LongAdder;

/**
 * One delivery to a message endpoint, with the JCA contract: {@code beforeDelivery},
 * {@code onMessage}, {@code afterDelivery} in {@code finally}, and {@code release} in
 * {@code finally}. The method is looked up on the listener interface (which the container's
 * endpoint proxy implements), never on the bean class. Counts the deliveries, the failed attempts and
 * the messages given up ({@link #gaveUp()}, by the endpoint's {@link DeliveryLine}), for JMX and metrics.
 */
public final class EndpointInvoker {
    private static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = InboundListener.class.getMethod("onMessage", InboundMessage.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory factory;
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();

    public EndpointInvoker(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    /** Delivers once; throws what the endpoint (or the container) threw. */
    public void deliver(InboundMessage message) throws Exception {
        boolean delivered = false;
        try {
            deliverOnce(message);
            delivered = true;
        } finally {
            (delivered ? deliveries : failures).increment();
        }
    }

    private void deliverOnce(InboundMessage message) throws Exception {
        MessageEndpoint endpoint = createEndpoint();
        try {
            endpoint.beforeDelivery(ON_MESSAGE);
            try {
                ((InboundListener) endpoint).onMessage(message);
            } finally {
                endpoint.afterDelivery();
            }
        } finally {
            endpoint.release();
        }
    }

    private MessageEndpoint createEndpoint() throws UnavailableException {
        return factory.createEndpoint(null);
    }

    /** A message was given up after its last attempt: dead-lettered, or dropped where the source has no dead letters. */
    public void gaveUp() {
        deadLetters.increment();
    }

    public long deliveries() {
        return deliveries.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public long deadLetters() {
        return deadLetters.sum();
    }

    /** The bean's name: the last part of the activation name (Liberty names an activation {@code app#module#bean}). */
    public String bean() {
        String name = factory.getActivationName();
        if (name == null) {
            return "?";
        }
        int hash = name.lastIndexOf('#');
        return hash < 0 ? name : name.substring(hash + 1);
    }

    /** The bean's name, for messages. */
    public String describe() {
        String name = factory.getActivationName();
        return name == null ? factory.toString() : name;
    }
}
