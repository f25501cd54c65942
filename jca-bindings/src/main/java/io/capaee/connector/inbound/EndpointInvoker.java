// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InboundListener;
import io.capaee.api.inbound.InboundMessage;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;

/**
 * One delivery to a message endpoint, with the JCA contract: {@code beforeDelivery},
 * {@code onMessage}, {@code afterDelivery} in {@code finally}, and {@code release} in
 * {@code finally}. The method is looked up on the listener interface (which the container's
 * endpoint proxy implements), never on the bean class.
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

    public EndpointInvoker(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    /** Delivers once; throws what the endpoint (or the container) threw. */
    public void deliver(InboundMessage message) throws Exception {
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

    /** The bean's name, for messages. */
    public String describe() {
        String name = factory.getActivationName();
        return name == null ? factory.toString() : name;
    }
}
