// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * What every input-binding bean does: sends each event to its activation spec's {@code target}
 * ({@link TargetDelivery}). A bean adds only its name and listener interface, which select its
 * activation spec ({@code capa-ee/ejb-bindings/<Bean>}) and so its source. A refused delivery
 * throws, so that the resource adapter retries and then dead-letters.
 */
public abstract class InputBinding {
    @Inject
    TargetDelivery delivery;

    @Inject
    DeliveryMetrics metrics;

    private String name; // the bean's name, the binding's name in metrics

    public void onMessage(InboundMessage message) throws InputBindingException {
        boolean failed = true;
        try {
            delivery.deliver(message);
            failed = false;
        } finally {
            metrics.delivered(name(), failed);
        }
    }

    private String name() {
        if (name == null) {
            for (Class<?> c = getClass(); c != null && name == null; c = c.getSuperclass()) {
                MessageDriven bean = c.getAnnotation(MessageDriven.class);
                name = bean != null && !bean.name().isEmpty() ? bean.name() : null;
            }
            if (name == null) {
                name = getClass().getSimpleName();
            }
        }
        return name;
    }
}
