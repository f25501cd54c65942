// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.CapaResourceAdapter;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JCA outbound contract, with this test standing in for the container. */
class KeyValueConnectionPlumbingTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final KeyValueManagedConnectionFactory mcf = new KeyValueManagedConnectionFactory();
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startAdapter() throws ResourceException {
        adapter.start(null);
        mcf.setResourceAdapter(adapter);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    private BackendManagedConnection<?> managedConnection() throws ResourceException {
        BackendManagedConnection<?> mc = (BackendManagedConnection<?>) mcf.createManagedConnection(null, null);
        mc.addConnectionEventListener(listener);
        return mc;
    }

    @Test
    void closingAHandleFiresConnectionClosedWithThatHandle() throws ResourceException {
        BackendManagedConnection<?> mc = managedConnection();
        KeyValueConnection handle = (KeyValueConnection) mc.getConnection(null, null);

        handle.close();

        assertEquals(1, listener.events.size());
        ConnectionEvent event = listener.events.get(0);
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, event.getId());
        assertSame(handle, event.getConnectionHandle());
        assertSame(mc, event.getSource());
        assertEquals(0, mc.handleCount());
    }

    @Test
    void closingAHandleTwiceFiresOnlyOnce() throws ResourceException {
        KeyValueConnection handle = (KeyValueConnection) managedConnection().getConnection(null, null);
        handle.close();
        handle.close();
        assertEquals(1, listener.events.size());
    }

    @Test
    void aClosedHandleThrowsKeyValueException() throws ResourceException {
        KeyValueConnection handle = (KeyValueConnection) managedConnection().getConnection(null, null);
        handle.close();

        KeyValueException e = assertThrows(KeyValueException.class, () -> handle.get("k"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(KeyValueException.class, () -> handle.set("k", "v"));
        assertThrows(KeyValueException.class, () -> handle.keys("*"));
    }

    @Test
    void cleanupDetachesEveryHandleWithoutFiringEvents() throws ResourceException {
        BackendManagedConnection<?> mc = managedConnection();
        KeyValueConnection first = (KeyValueConnection) mc.getConnection(null, null);
        KeyValueConnection second = (KeyValueConnection) mc.getConnection(null, null);

        mc.cleanup();

        assertThrows(KeyValueException.class, () -> first.get("k"));
        assertThrows(KeyValueException.class, () -> second.get("k"));
        assertEquals(0, mc.handleCount());
        second.close();
        assertTrue(listener.events.isEmpty(), "a detached handle's close is not the container's business");
        KeyValueConnection fresh = (KeyValueConnection) mc.getConnection(null, null);
        fresh.set("k", "v");
        assertEquals(Optional.of("v"), fresh.get("k"));
    }

    @Test
    void associateConnectionMovesAHandleToAnotherManagedConnection() throws ResourceException {
        BackendManagedConnection<?> from = managedConnection();
        BackendManagedConnection<?> to = managedConnection();
        KeyValueConnection handle = (KeyValueConnection) from.getConnection(null, null);

        to.associateConnection(handle);

        assertEquals(0, from.handleCount());
        assertEquals(1, to.handleCount());
        handle.set("k", "v");
        handle.close();
        assertSame(to, listener.events.get(0).getSource());
    }

    @Test
    void associateConnectionRefusesAForeignOrClosedHandle() throws ResourceException {
        BackendManagedConnection<?> mc = managedConnection();
        assertThrows(ResourceException.class, () -> mc.associateConnection("not a handle"));
        assertThrows(ResourceException.class, () -> mc.associateConnection(new QueryConnectionHandle()));
        KeyValueConnection closed = (KeyValueConnection) mc.getConnection(null, null);
        closed.close();
        assertThrows(ResourceException.class, () -> mc.associateConnection(closed));
    }

    @Test
    void aDestroyedManagedConnectionHandsOutNoHandleAndDetachesTheOldOnes() throws ResourceException {
        BackendManagedConnection<?> mc = managedConnection();
        KeyValueConnection handle = (KeyValueConnection) mc.getConnection(null, null);
        mc.destroy();
        assertThrows(KeyValueException.class, () -> handle.get("k"));
        assertThrows(ResourceException.class, () -> mc.getConnection(null, null));
    }

    @Test
    void transactionsAreNotSupported() throws ResourceException {
        BackendManagedConnection<?> mc = managedConnection();
        assertThrows(NotSupportedException.class, mc::getXAResource);
        assertThrows(NotSupportedException.class, mc::getLocalTransaction);
        assertEquals(TransactionSupportLevel.NoTransaction, mcf.getTransactionSupport());
    }

    @Test
    void matchingPicksALiveConnectionOfTheSameFactoryOnly() throws ResourceException {
        BackendManagedConnection<?> mine = managedConnection();
        KeyValueManagedConnectionFactory other = new KeyValueManagedConnectionFactory();
        other.setResourceAdapter(adapter);
        BackendManagedConnection<?> theirs = (BackendManagedConnection<?>) other.createManagedConnection(null, null);

        assertSame(mine, mcf.matchManagedConnections(Set.of(theirs, mine), null, null));
        assertNull(mcf.matchManagedConnections(Set.of(theirs), null, null));
        mine.destroy();
        assertNull(mcf.matchManagedConnections(Set.of(mine), null, null));
    }

    @Test
    void handlesOfOneFactoryShareOneMemoryStoreAndFactoriesDoNot() throws ResourceException {
        KeyValueConnectionFactory cf = (KeyValueConnectionFactory) mcf.createConnectionFactory();
        try (KeyValueConnection a = cf.getConnection(); KeyValueConnection b = cf.getConnection()) {
            assertNotSame(a, b);
            a.set("shared", "yes");
            assertEquals(Optional.of("yes"), b.get("shared"));
        }
        KeyValueManagedConnectionFactory otherMcf = new KeyValueManagedConnectionFactory();
        otherMcf.setResourceAdapter(adapter);
        KeyValueConnectionFactory otherCf = (KeyValueConnectionFactory) otherMcf.createConnectionFactory();
        try (KeyValueConnection c = otherCf.getConnection()) {
            assertEquals(Optional.empty(), c.get("shared"));
        }
    }

    @Test
    void theConnectionFactoryIsSerializableAndReferenceable() throws Exception {
        Object cf = mcf.createConnectionFactory();
        assertTrue(cf instanceof java.io.Serializable);
        assertTrue(cf instanceof jakarta.resource.Referenceable);
        javax.naming.Reference ref = new javax.naming.Reference(KeyValueConnectionFactory.class.getName());
        ((jakarta.resource.Referenceable) cf).setReference(ref);
        assertSame(ref, ((jakarta.resource.Referenceable) cf).getReference());
    }
}
