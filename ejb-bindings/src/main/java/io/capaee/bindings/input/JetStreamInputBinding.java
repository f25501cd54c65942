// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.JetStreamListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * The JetStream input binding: messages of the durable consumer of the activation spec
 * {@code capa-ee/ejb-bindings/JetStreamInputBinding} go to its {@code target} URL; a message is
 * acknowledged only after the application answered 2xx (or it was dead-lettered).
 */
@MessageDriven(name = "JetStreamInputBinding")
public class JetStreamInputBinding implements JetStreamListener {
    @Inject
    TargetDelivery delivery;

    @Override
    public void onMessage(InboundMessage message) throws InputBindingException {
        delivery.deliver(message);
    }
}
