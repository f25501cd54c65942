// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapaResourceAdapterTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();

    @Test
    void stopClosesEveryOwnedClientEvenWhenOneFailsToClose() throws ResourceException {
        adapter.start(null);
        AtomicInteger closed = new AtomicInteger();
        adapter.own(closed::incrementAndGet);
        adapter.own(() -> {
            throw new IllegalStateException("boom");
        });
        adapter.own(closed::incrementAndGet);

        adapter.stop();

        assertEquals(2, closed.get());
        assertFalse(adapter.running());
    }

    @Test
    void aClientOfferedToAStoppedAdapterIsClosedAndRefused() {
        AtomicInteger closed = new AtomicInteger();
        BindingException e = assertThrows(BindingException.class, () -> adapter.own(closed::incrementAndGet));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
        assertEquals(1, closed.get());
    }

    @Test
    void ownReturnsTheClientItWasGiven() throws ResourceException {
        adapter.start(null);
        AutoCloseable client = () -> { };
        assertSame(client, adapter.own(client));
        adapter.stop();
    }

    @Test
    void inboundActivationNeedsAStartedAdapter() {
        assertThrows(ResourceException.class, () -> adapter.endpointActivation(null, null));
    }
}
