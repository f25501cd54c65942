// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.NatsListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * The NATS input binding: events from the subject of the activation spec
 * {@code capa-ee/ejb-bindings/NatsInputBinding} go to its {@code target} URL.
 */
@MessageDriven(name = "NatsInputBinding")
public class NatsInputBinding implements NatsListener {
    @Inject
    TargetDelivery delivery;

    @Override
    public void onMessage(InboundMessage message) throws InputBindingException {
        delivery.deliver(message);
    }
}
