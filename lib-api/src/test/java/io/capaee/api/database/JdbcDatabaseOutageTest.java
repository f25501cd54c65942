// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.database.DatabaseException.Reason;
import io.capaee.testing.TcpCut;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The machine's PostgreSQL going away under the database API, its connections cut through a
 * {@link TcpCut}: calls fail with {@code UNAVAILABLE} naming the database (never a hang, never a
 * half-written transaction), and work again once it is back.
 */
class JdbcDatabaseOutageTest {
    private final String table = "capa_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private TcpCut cut;
    private JdbcDatabase direct;
    private JdbcDatabase database;

    private static PGSimpleDataSource source(int port) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName("test");
        source.setUser("postgres");
        source.setConnectTimeout(2);
        return source;
    }

    @BeforeEach
    void start() throws Exception {
        cut = new TcpCut(5432);
        direct = new JdbcDatabase("direct", source(5432), DatabaseLimits.DEFAULTS);
        database = new JdbcDatabase("orders", source(cut.port()), new DatabaseLimits(5, 100, 10));
        direct.exec("CREATE TABLE " + table + " (id integer PRIMARY KEY)", List.of());
    }

    @AfterEach
    void stop() throws Exception {
        cut.close();
        direct.exec("DROP TABLE " + table, List.of());
    }

    @Test
    void aCallDuringTheOutageIsRefusedNamingTheDatabaseAndTheNextOneAfterItWorks() throws Exception {
        database.exec("INSERT INTO " + table + " VALUES (1)", List.of());
        cut.cut();
        DatabaseException refused = assertThrows(DatabaseException.class,
                () -> database.query("SELECT count(*) FROM " + table, List.of()));
        assertEquals(Reason.UNAVAILABLE, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains("orders"), refused.getMessage());
        cut.restore();
        assertEquals(1L, ((Number) database.query("SELECT count(*) FROM " + table, List.of()).rows().get(0).get(0)).longValue());
    }

    @Test
    void aTransactionCutOffHalfWayLeavesNothingBehind() throws Exception {
        CompletableFuture<List<StatementResult>> running = CompletableFuture.supplyAsync(() -> database.transaction(List.of(
                SqlStatement.exec("INSERT INTO " + table + " VALUES (?)", 7),
                SqlStatement.query("SELECT pg_sleep(3) AS " + table),
                SqlStatement.exec("INSERT INTO " + table + " VALUES (?)", 8))));
        // the first insert is done and the sleep under way when the connection goes
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sleeping() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        cut.cut();
        Exception failed = assertThrows(Exception.class, () -> running.get(10, TimeUnit.SECONDS));
        DatabaseException cause = (DatabaseException) failed.getCause();
        assertEquals(Reason.UNAVAILABLE, cause.reason(), cause.getMessage());
        // PostgreSQL rolls back a transaction whose connection went: neither row is there
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sleeping() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), direct.query("SELECT id FROM " + table, List.of()).rows());
    }

    /** How many sessions run this test's sleep (the query asking is not one: it does not start with it). */
    private long sleeping() {
        return ((Number) direct.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE ?",
                List.of("SELECT pg_sleep(3) AS " + table + "%")).rows().get(0).get(0)).longValue();
    }
}
