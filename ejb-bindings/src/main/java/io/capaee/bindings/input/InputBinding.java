// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
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

    public void onMessage(InboundMessage message) throws InputBindingException {
        delivery.deliver(message);
    }
}
