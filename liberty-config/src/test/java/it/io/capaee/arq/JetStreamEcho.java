// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.arq;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.JetStreamListener;
import jakarta.ejb.MessageDriven;

/** Test bean fed by the adapter's JetStream activation spec (deployed by {@link ResourceAdapterLifecycleIT}). */
@MessageDriven(name = "JetStreamEcho")
public class JetStreamEcho implements JetStreamListener {
    @Override
    public void onMessage(InboundMessage message) throws Exception {
        Echo.back(message);
    }
}
