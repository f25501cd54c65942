// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.RedisStreamListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * The Redis streams input binding: entries of the stream of the activation spec
 * {@code capa-ee/ejb-bindings/RedisStreamInputBinding} go to its {@code target} URL; an entry is
 * acknowledged only after the application answered 2xx (or it was dead-lettered).
 */
@MessageDriven(name = "RedisStreamInputBinding")
public class RedisStreamInputBinding implements RedisStreamListener {
    @Inject
    TargetDelivery delivery;

    @Override
    public void onMessage(InboundMessage message) throws InputBindingException {
        delivery.deliver(message);
    }
}
