// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.query.QueryException;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.SilentServer;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Couchbase cannot run on our machines: these tests drive the real java-client behind the
 * QueryConnection interface through the paths that need no server (unconfigured, unreachable).
 */
class QueryConnectionTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final QueryManagedConnectionFactory mcf = new QueryManagedConnectionFactory();

    @BeforeEach
    void startAdapter() throws ResourceException {
        adapter.start(null);
        mcf.setResourceAdapter(adapter);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    @Test
    void anUnconfiguredCouchbaseSaysWhatToSet() throws ResourceException {
        QueryConnectionFactory cf = (QueryConnectionFactory) mcf.createConnectionFactory();
        try (QueryConnection c = cf.getConnection()) {
            QueryException e = assertThrows(QueryException.class, () -> c.query("SELECT 1"));
            assertEquals("couchbase is not configured: set username/password", e.getMessage());
        }
    }

    @Test
    void anUnreachableClusterGivesAQueryExceptionWithinTheTimeout() throws ResourceException {
        mcf.setConnectionString("couchbase://127.0.0.1:1");
        mcf.setUsername("capa");
        mcf.setPassword("not-a-real-password");
        mcf.setTimeoutMillis(1500);
        QueryConnectionFactory cf = (QueryConnectionFactory) mcf.createConnectionFactory();

        QueryException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (QueryConnection c = cf.getConnection()) {
                long start = System.nanoTime();
                QueryException thrown = assertThrows(QueryException.class, () -> c.query("SELECT RAW 1"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 15_000, "took " + millis + " ms");
                return thrown;
            }
        });
        assertTrue(e.getMessage().startsWith("couchbase at couchbase://127.0.0.1:1 did not answer within 1500 ms"),
                e.getMessage());
    }

    @Test
    void creatingTheFactoryAndConnectionsNeverTouchesTheNetwork() throws Exception {
        try (SilentServer couchbase = new SilentServer()) {
            mcf.setConnectionString("couchbase://127.0.0.1:" + couchbase.port());
            mcf.setUsername("capa");
            mcf.setPassword("secret");
            mcf.setTimeoutMillis(1000);
            QueryConnectionFactory cf = (QueryConnectionFactory) mcf.createConnectionFactory();
            QueryConnection c = cf.getConnection();
            c.close();
            try (QueryConnection another = cf.getConnection()) {
                Thread.sleep(1000); // a client bootstrapping in the background would have connected by now
                assertEquals(0, couchbase.accepted(), "connections made before any query");

                // the same factory does reach this peer once it has a query to run: the count above can see it
                assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(QueryException.class, () -> another.query("SELECT RAW 1")));
                assertTrue(couchbase.accepted() > 0, "the first query connects");
            }
        }
    }

    @Test
    void aConnectionStringWithAnotherSchemeFailsNamingTheProperty() {
        mcf.setConnectionString("http://127.0.0.1:8091");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, mcf::createConnectionFactory);
        assertTrue(e.getMessage().contains("'connectionString'"), e.getMessage());
    }

    @Test
    void aClosedQueryHandleThrowsQueryExceptionAndItsCloseWasReported() throws ResourceException {
        BackendManagedConnection<?> mc = (BackendManagedConnection<?>) mcf.createManagedConnection(null, null);
        RecordingListener listener = new RecordingListener();
        mc.addConnectionEventListener(listener);
        QueryConnection handle = (QueryConnection) mc.getConnection(null, null);

        handle.close();

        assertEquals(ConnectionEvent.CONNECTION_CLOSED, listener.events.get(0).getId());
        QueryException e = assertThrows(QueryException.class, () -> handle.query("SELECT 1"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
