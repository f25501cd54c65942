// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.KafkaListener;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * The Kafka input binding: records of the topics of the activation spec
 * {@code capa-ee/ejb-bindings/KafkaInputBinding} go to its {@code target} URL; the offset is
 * committed only after the application answered 2xx (or the record was dead-lettered).
 */
@MessageDriven(name = "KafkaInputBinding")
public class KafkaInputBinding implements KafkaListener {
    @Inject
    TargetDelivery delivery;

    @Override
    public void onMessage(InboundMessage message) throws InputBindingException {
        delivery.deliver(message);
    }
}
