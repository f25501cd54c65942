// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.arq;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.NatsListener;
import jakarta.ejb.MessageDriven;

/** Test bean fed by the adapter's NATS core activation spec (deployed by {@link ResourceAdapterLifecycleIT}). */
@MessageDriven(name = "NatsEcho")
public class NatsEcho implements NatsListener {
    @Override
    public void onMessage(InboundMessage message) throws Exception {
        Echo.back(message);
    }
}
