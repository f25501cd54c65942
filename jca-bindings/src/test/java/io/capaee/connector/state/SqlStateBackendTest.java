// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateException;
import io.capaee.api.state.StateItem;
import io.capaee.connector.CapaResourceAdapter;
import jakarta.resource.spi.InvalidPropertyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the SQL state stores do beyond the contract ({@link StateStoreContractTest}), on the real
 * PostgreSQL and MariaDB: the table they create, sharing it between servers, deleting expired
 * entries, their config checks and a database that does not answer.
 */
class SqlStateBackendTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final SqlTestDatabases databases = new SqlTestDatabases();
    private final String appId = "capa-test-" + UUID.randomUUID();

    @BeforeEach
    void startAdapter() throws Exception {
        adapter.start(null);
    }

    @AfterEach
    void cleanUp() {
        adapter.stop();
        databases.dropTables();
    }

    private StateManagedConnectionFactory factory(String backend) throws Exception {
        StateManagedConnectionFactory f = new StateManagedConnectionFactory();
        f.setBackend(backend);
        f.setAppId(appId);
        f.setResourceAdapter(adapter);
        databases.configure(f);
        return f;
    }

    private StateConnection open(String backend) throws Exception {
        return ((StateConnectionFactory) factory(backend).createConnectionFactory()).getConnection();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void entriesAreRowsOfTheirTableWhichTwoServersShare(String backend) throws Exception {
        try (StateConnection one = open(backend); StateConnection two = open(backend)) {
            one.save(List.of(StateItem.of("a", "{\"n\":1}"),
                    new StateItem("b", "2", null, Map.of("ttlInSeconds", "600"), null)));
            String etag = two.get("a").orElseThrow().etag();
            try (Connection c = databases.of(backend).getConnection();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT value, version, expires_at FROM " + databases.table + " WHERE id = ?")) {
                s.setString(1, appId + "||a");
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), "the row of appId||a");
                    assertEquals("{\"n\":1}", r.getString(1));
                    assertEquals(Long.parseLong(etag), r.getLong(2));
                    assertNull(r.getTimestamp(3));
                }
                s.setString(1, appId + "||b");
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), "the row of appId||b");
                    assertTrue(r.getTimestamp(3) != null, "a TTL is an expiry time");
                }
            }
            // the second server's writes take versions from the same sequence
            two.save(StateItem.of("c", "3"));
            assertTrue(Long.parseLong(one.get("c").orElseThrow().etag()) > Long.parseLong(etag));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void expiredRowsAreDeletedByTheFirstWriteAfterTheCleanupInterval(String backend) throws Exception {
        AtomicLong millis = new AtomicLong();
        DataSource ds = databases.of(backend);
        SqlStateBackend store = new SqlStateBackend(() -> ds, SqlDialect.of(backend), databases.table, 60_000, millis::get);
        store.apply(List.of(new StateWrite("gone", "1", StateWrite.Check.NONE, 0, 1),
                new StateWrite("kept", "1", StateWrite.Check.NONE, 0, 0)));
        long end = System.nanoTime() + 5_000_000_000L;
        while (!store.get(List.of("gone")).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertEquals(List.of("kept"), List.copyOf(store.get(List.of("gone", "kept")).keySet()));
        assertEquals(2, rows(ds), "an expired row stays until the cleanup");
        store.apply(List.of(new StateWrite("other", "1", StateWrite.Check.NONE, 0, 0)));
        assertEquals(3, rows(ds), "not before the interval");
        millis.addAndGet(60_000);
        store.apply(List.of(new StateWrite("other", "2", StateWrite.Check.NONE, 0, 0)));
        assertEquals(2, rows(ds), "the expired row is gone");
    }

    private long rows(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + databases.table)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierOrAMissingDataSourceIsRefusedByName() throws Exception {
        StateManagedConnectionFactory f = factory("postgresql");
        f.setTable("orders; DROP TABLE x");
        assertTrue(assertThrows(InvalidPropertyException.class, f::createConnectionFactory).getMessage().contains("'table'"));
        f.setTable("capa_state");
        f.setDataSource(" ");
        assertTrue(assertThrows(InvalidPropertyException.class, f::createConnectionFactory).getMessage().contains("'dataSource'"));
        f.setDataSource("jdbc/x");
        f.setCleanupIntervalSeconds(-1L);
        assertTrue(assertThrows(InvalidPropertyException.class, f::createConnectionFactory).getMessage()
                .contains("'cleanupIntervalSeconds'"));
        f.setBackend("mysql");
        assertTrue(assertThrows(InvalidPropertyException.class, f::createConnectionFactory).getMessage()
                .contains("use mariadb, memory, postgresql, redis"));
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsAStateErrorNamingTheTableAndTheStoreWorksOnceItIsBack() throws Exception {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setURL("jdbc:postgresql://127.0.0.1:1/test");
        down.setUser("postgres");
        StateManagedConnectionFactory f = factory("postgresql");
        f.setDataSourceLookup(name -> down);
        try (StateConnection state = ((StateConnectionFactory) f.createConnectionFactory()).getConnection()) {
            StateException e = assertThrows(StateException.class, () -> state.save(StateItem.of("k", "1")));
            assertTrue(e.getMessage().contains(databases.table), e.getMessage());
            assertThrows(StateException.class, () -> state.get("k"));
            down.setURL("jdbc:postgresql://127.0.0.1:5432/test");
            state.save(StateItem.of("k", "1"));
            assertEquals("1", state.get("k").orElseThrow().value());
        }
    }

    @Test
    void withoutALookupOfItsOwnTheStoreAsksJndiAndNamesTheMissingDataSource() throws Exception {
        StateManagedConnectionFactory f = factory("mariadb");
        f.setDataSourceLookup(null);
        try (StateConnection state = ((StateConnectionFactory) f.createConnectionFactory()).getConnection()) {
            StateException e = assertThrows(StateException.class, () -> state.get("k"));
            assertTrue(e.getMessage().contains("no dataSource 'jdbc/test/mariadb'"), e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }
}
