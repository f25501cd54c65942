// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.desired.FileDesiredState;
import io.capaee.api.desired.Reconciler;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connectors API over the desired state, with the adapter in memory and the embedded file store. */
class DesiredConnectorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T14:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private BreakableState store;

    @BeforeEach
    void store() {
        store = new BreakableState(new FileDesiredState(dir));
    }

    @Test
    void aRestartedServerDeploysEveryStoredConnectorAsItWasStoppedOrRunning() {
        FakeConnectorManager before = new FakeConnectorManager();
        DesiredConnectors api = server(before);
        api.deploy(spec("orders"), true);
        api.deploy(spec("audit"), false);
        api.deploy(spec("prices"), true);
        api.stop("prices");
        api.deploy(spec("gone"), true);
        assertTrue(api.delete("gone"));

        FakeConnectorManager after = new FakeConnectorManager();
        Reconciler.Outcome outcome = server(after).reconcile();
        assertEquals(new Reconciler.Outcome(3, 0, 0), outcome);
        assertEquals(Map.of("audit", "stopped", "orders", "running", "prices", "stopped"), states(after));
        assertEquals(before.spec("orders"), after.spec("orders"), "the document parses into the same connector");
    }

    @Test
    void aChangeTheStoreRefusesIsUndoneAndNamesTheStore() {
        FakeConnectorManager manager = new FakeConnectorManager();
        DesiredConnectors api = server(manager);
        api.deploy(spec("kept"), true);
        store.broken = true;

        DesiredStateException refused = assertThrows(DesiredStateException.class, () -> api.deploy(spec("new"), true));
        assertTrue(refused.getMessage().contains(dir.toString()), refused.getMessage());
        assertTrue(manager.status("new").isEmpty(), "the deploy was undone");
        assertThrows(DesiredStateException.class, () -> api.stop("kept"));
        assertEquals("running", states(manager).get("kept"), "the stop was undone");
        assertThrows(DesiredStateException.class, () -> api.delete("kept"));
        assertEquals("running", states(manager).get("kept"), "the delete changed nothing");

        store.broken = false;
        assertEquals(Map.of("kept", "running"), states(restart()));
    }

    @Test
    void aStoredConnectorThatNoLongerParsesIsReportedNotDeployedAndCanBeDeleted() {
        store.put(new DesiredEntry("connector", "lost", Json.createObjectBuilder()
                .add("document", StoredConnectorTest.OUTLET.replace("type: kafka", "type: amqp"))
                .add("state", "running").build(), CLOCK.instant()));
        FakeConnectorManager manager = new FakeConnectorManager();
        DesiredConnectors api = server(manager);
        api.deploy(spec("fine"), true);

        assertEquals(new Reconciler.Outcome(0, 0, 1), api.reconcile());
        assertEquals(Set.of("lost"), api.failures().keySet());
        assertTrue(api.failures().get("lost").message().startsWith("outlet.sink.type: unknown sink 'amqp'"),
                api.failures().get("lost").message());
        assertEquals(List.of("fine"), manager.deploys, "nothing half-deployed");
        ConnectorException start = assertThrows(ConnectorException.class, () -> api.start("lost"));
        assertEquals(ConnectorException.Reason.CONFLICT, start.reason());
        assertTrue(start.getMessage().contains("unknown sink 'amqp'"), start.getMessage());

        assertTrue(api.delete("lost"), "a failed stored connector can be deleted");
        assertEquals(Map.of(), api.failures());
        assertEquals(List.of("fine"), store.list("connector").entries().stream().map(DesiredEntry::id).toList());
    }

    @Test
    void anUnreadableDocumentIsReportedWhereItIs() throws Exception {
        Files.createDirectories(dir.resolve("connector"));
        Files.writeString(dir.resolve("connector/torn.json"), "{\"format\":1,\"kind\":\"conn");
        DesiredConnectors api = server(new FakeConnectorManager());
        assertEquals(1, api.reconcile().failed());
        String where = dir.resolve("connector/torn.json").toString();
        assertEquals(Set.of(where), api.failures().keySet());
        assertTrue(api.failures().get(where).message().startsWith("unreadable: "), api.failures().get(where).message());
    }

    @Test
    void aConnectorOfAFileIsNotStoredAndKeepsItsId() {
        FakeConnectorManager manager = new FakeConnectorManager();
        manager.deployFile(spec("bridge"), "/etc/capa/bridge.yml");
        DesiredConnectors api = server(manager);
        api.stop("bridge");
        api.start("bridge");
        assertEquals(List.of(), store.list("connector").entries(), "its file is its desired state");
        store.put(new StoredConnector(spec("bridge"), true).entry(CLOCK.instant())); // stored by another server

        api.reconcile();
        assertEquals("the id is taken by the connector from file:/etc/capa/bridge.yml", api.failures().get("bridge").message());
        assertEquals("file:/etc/capa/bridge.yml", manager.status("bridge").map(ConnectorStatus::origin).orElseThrow());
        assertTrue(api.delete("bridge"));
        assertEquals(1, store.list("connector").entries().size(), "deleting the file's connector leaves the stored one");
    }

    @Test
    void aServerSharingTheStoreFollowsTheDeploysStopsAndDeletesOfAnother() {
        DesiredConnectors first = server(new FakeConnectorManager());
        FakeConnectorManager secondManager = new FakeConnectorManager();
        DesiredConnectors second = server(secondManager);

        first.deploy(spec("shared"), true);
        second.reconcile();
        assertEquals(Map.of("shared", "running"), states(secondManager));
        first.stop("shared");
        second.reconcile();
        assertEquals(Map.of("shared", "stopped"), states(secondManager));
        assertEquals(List.of("shared"), secondManager.deploys, "stopped in place, not deployed again");

        first.delete("shared");
        first.deploy(spec("shared", "orders.eu.>"), true); // the same id, another document: deployed again
        second.reconcile();
        assertEquals("orders.eu.>", secondManager.spec("shared").input().string("subject", null));
        first.delete("shared");
        assertEquals(new Reconciler.Outcome(0, 1, 0), second.reconcile());
        assertEquals(Map.of(), states(secondManager));
    }

    private DesiredConnectors server(FakeConnectorManager manager) {
        return new DesiredConnectors(manager, store, StoredConnectorTest.PARSER, CLOCK);
    }

    private FakeConnectorManager restart() {
        FakeConnectorManager manager = new FakeConnectorManager();
        server(manager).reconcile();
        return manager;
    }

    private static ConnectorSpec spec(String id) {
        return spec(id, "orders.>");
    }

    private static ConnectorSpec spec(String id, String subject) {
        return StoredConnectorTest.PARSER.parse(StoredConnectorTest.OUTLET.replace("orders.>", subject), id);
    }

    private static Map<String, String> states(FakeConnectorManager manager) {
        return manager.list().stream().collect(java.util.stream.Collectors.toMap(ConnectorStatus::id, s -> s.state().label()));
    }

    /** The file store, whose writes fail while {@code broken}, as a full disk or an unreachable Redis. */
    private static final class BreakableState implements DesiredState {
        private final DesiredState delegate;
        volatile boolean broken;

        BreakableState(DesiredState delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(DesiredEntry entry) {
            fail("writing " + entry.id());
            delegate.put(entry);
        }

        @Override
        public boolean remove(String kind, String id) {
            fail("removing " + id);
            return delegate.remove(kind, id);
        }

        @Override
        public Listing list(String kind) {
            return delegate.list(kind);
        }

        @Override
        public String where() {
            return delegate.where();
        }

        private void fail(String what) {
            if (broken) {
                throw new DesiredStateException(what + " in " + where() + " failed: No space left on device");
            }
        }
    }
}
