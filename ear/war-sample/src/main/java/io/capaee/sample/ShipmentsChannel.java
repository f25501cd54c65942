// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reactive Messaging on Capa topics: reads the channel {@code sample-orders} (keeping the last
 * {@value #KEPT} messages) and sends to {@code sample-shipments}. A message containing
 * {@code reject-once} fails the first time it arrives, so that its redelivery can be seen.
 */
@ApplicationScoped
public class ShipmentsChannel {
    static final int KEPT = 100;

    @Inject
    @Channel("sample-shipments")
    Emitter<String> shipments;

    private final Deque<String> received = new ArrayDeque<>(); // guarded by this
    /** Texts rejected once, the newest {@value #KEPT} (guarded by this): every unique message must not stay for ever. */
    private final Set<String> rejected = new LinkedHashSet<>();

    @Incoming("sample-orders")
    public void receive(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        synchronized (this) {
            if (text.contains("reject-once") && rejected.add(text)) {
                if (rejected.size() > KEPT) {
                    rejected.remove(rejected.iterator().next());
                }
                throw new IllegalStateException("rejected once on purpose: " + text);
            }
            if (received.size() == KEPT) {
                received.removeFirst();
            }
            received.addLast(text);
        }
    }

    synchronized int rejectedRemembered() {
        return rejected.size();
    }

    synchronized List<String> received() {
        return List.copyOf(received);
    }

    /** Completes when the broker has the message. */
    CompletionStage<Void> ship(String text) {
        return shipments.send(text);
    }
}
