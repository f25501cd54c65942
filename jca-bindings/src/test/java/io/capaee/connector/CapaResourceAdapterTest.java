// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.connector.inbound.ThreadPoolWorkManager;
import io.capaee.connector.inbound.cron.CronActivationSpec;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;
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

    /**
     * A valid (disabled) spec, so that nothing but the adapter's state can refuse it: refused with
     * the reason before start, taken once the adapter runs on a container's work manager.
     */
    @Test
    void inboundActivationNeedsAStartedAdapter() throws Exception {
        CronActivationSpec spec = new CronActivationSpec();
        spec.setSchedule("@every 1h");
        spec.setEnabled(false);
        MessageEndpointFactory factory = new NamedEndpointFactory("app#module#Ticker");

        ResourceException refused = assertThrows(ResourceException.class, () -> adapter.endpointActivation(factory, spec));
        assertFalse(refused instanceof NotSupportedException, refused.toString());
        assertTrue(refused.getMessage().contains("not started"), refused.getMessage());

        try (ThreadPoolWorkManager work = new ThreadPoolWorkManager()) {
            adapter.start(new TestBootstrapContext(work));
            try {
                adapter.endpointActivation(factory, spec);
            } finally {
                adapter.stop();
            }
        }
    }

    /** An endpoint factory that only has a name: a disabled activation asks for nothing else. */
    private record NamedEndpointFactory(String name) implements MessageEndpointFactory {
        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
            throw new UnavailableException("no endpoint in this test");
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
            throw new UnavailableException("no endpoint in this test");
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return name;
        }

        @Override
        public Class<?> getEndpointClass() {
            return Object.class;
        }
    }
}
