// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * State in a table of PostgreSQL or MariaDB ({@link SqlDialect}), reached through a pooled data
 * source. The table and its version sequence are created on first use when missing. Every write
 * set is one database transaction: the rows of its keys are locked, every check is made against
 * them, then the writes run; a first-write that meets a row another writer has just inserted
 * fails on the primary key and counts as a failed check. A transaction the database aborts to end
 * a deadlock is run again, up to {@value #ATTEMPTS} times. Entries past their TTL are never read;
 * they are deleted at most once per {@code cleanupIntervalMillis}, by the first write after it
 * (so no thread of our own: this code runs on the caller's thread).
 */
final class SqlStateBackend implements StateBackend {
    private static final Logger LOG = Logger.getLogger(SqlStateBackend.class.getName());
    private static final int ATTEMPTS = 3;
    /** Keys per {@code IN (...)} list; well below what either database allows per statement. */
    private static final int CHUNK = 500;

    private final Supplier<DataSource> lookup;
    private final SqlDialect dialect;
    private final String table;
    private final long cleanupIntervalMillis;
    private final LongSupplier clock;
    private final AtomicLong nextCleanup = new AtomicLong();
    private volatile DataSource dataSource; // looked up and the table made sure of on first use

    /**
     * {@code lookup} gives the data source (a JNDI look-up, done on first use on the caller's thread);
     * {@code table} is a checked SQL identifier; {@code cleanupIntervalMillis} 0 means never.
     */
    SqlStateBackend(Supplier<DataSource> lookup, SqlDialect dialect, String table, long cleanupIntervalMillis,
            LongSupplier clock) {
        this.lookup = lookup;
        this.dialect = dialect;
        this.table = table;
        this.cleanupIntervalMillis = cleanupIntervalMillis;
        this.clock = clock;
        this.nextCleanup.set(clock.getAsLong() + cleanupIntervalMillis);
    }

    @Override
    public Map<String, Stored> get(List<String> keys) {
        Map<String, Stored> found = new HashMap<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        try (Connection c = connection()) {
            query(c, distinct, n -> dialect.select(table, n),
                    r -> found.put(r.getString(1), new Stored(r.getString(2), r.getLong(3))));
        } catch (SQLException e) {
            throw failed("read", e);
        }
        Map<String, Stored> ordered = new LinkedHashMap<>();
        for (String key : distinct) {
            Stored s = found.get(key);
            if (s != null) {
                ordered.put(key, s);
            }
        }
        return ordered;
    }

    @Override
    public int apply(List<StateWrite> writes) {
        if (writes.isEmpty()) {
            return -1;
        }
        cleanUpWhenDue();
        for (int attempt = 1;; attempt++) {
            try (Connection c = connection()) {
                return inTransaction(c, writes);
            } catch (SQLException e) {
                // class 40: the database rolled back to end a deadlock or a serialization conflict
                boolean retry = e.getSQLState() != null && e.getSQLState().startsWith("40") && attempt < ATTEMPTS;
                if (!retry) {
                    throw failed("write", e);
                }
            }
        }
    }

    private int inTransaction(Connection c, List<StateWrite> writes) throws SQLException {
        c.setAutoCommit(false);
        int result;
        try {
            result = checkAndWrite(c, writes);
            if (result < 0) {
                c.commit();
            } else {
                c.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            // the first failure is the one to report; a connection that broke fails the clean-up too
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        c.setAutoCommit(true);
        return result;
    }

    /** Like {@link #apply}, in the open transaction; the caller commits when it returns -1. */
    private int checkAndWrite(Connection c, List<StateWrite> writes) throws SQLException {
        Map<String, Row> rows = lock(c, writes);
        for (int i = 0; i < writes.size(); i++) {
            StateWrite w = writes.get(i);
            Row row = rows.get(w.key());
            boolean live = row != null && row.live();
            boolean holds = switch (w.check()) {
                case NONE -> true;
                case ABSENT -> !live;
                case VERSION -> live && row.version() == w.expectedVersion();
            };
            if (!holds) {
                return i;
            }
        }
        Set<String> written = new HashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            StateWrite w = writes.get(i);
            if (w.delete()) {
                try (PreparedStatement s = c.prepareStatement(dialect.delete(table))) {
                    s.setString(1, w.key());
                    s.executeUpdate();
                }
            } else if (w.check() == StateWrite.Check.ABSENT && !rows.containsKey(w.key()) && !written.contains(w.key())) {
                // there was no row to lock: another first-write may insert one meanwhile; the primary key decides
                try {
                    put(c, dialect.insert(table), w);
                } catch (SQLException e) {
                    if (dialect.duplicateKey(e)) {
                        return i;
                    }
                    throw e;
                }
            } else {
                put(c, dialect.upsert(table), w);
            }
            written.add(w.key());
        }
        return -1;
    }

    /** A locked row: its version and whether it is within its TTL. */
    private record Row(long version, boolean live) {}

    /** Locks the rows of the keys written, in key order (two write sets never wait on each other in a circle). */
    private Map<String, Row> lock(Connection c, List<StateWrite> writes) throws SQLException {
        List<String> keys = new ArrayList<>(new TreeSet<>(writes.stream().map(StateWrite::key).toList()));
        Map<String, Row> rows = new HashMap<>();
        query(c, keys, n -> dialect.lock(table, n), r -> rows.put(r.getString(1), new Row(r.getLong(2), r.getBoolean(3))));
        return rows;
    }

    private void put(Connection c, String sql, StateWrite w) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, w.key());
            s.setString(2, w.value());
            if (w.ttlSeconds() > 0) {
                s.setLong(3, w.ttlSeconds());
            } else {
                s.setNull(3, Types.BIGINT);
            }
            s.executeUpdate();
        }
    }

    /** What to do with each row of a result. */
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs the statement {@code sql(n)} with {@code n} keys as parameters, on {@value #CHUNK} keys at a time. */
    private static void query(Connection c, List<String> keys, IntFunction<String> sql, RowReader reader) throws SQLException {
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            try (PreparedStatement s = c.prepareStatement(sql.apply(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        reader.read(r);
                    }
                }
            }
        }
    }

    /** Pages of {@value #CHUNK} rows in key order, each page after the last key of the one before. */
    @Override
    public void scan(String prefix, Consumer<Map<String, Stored>> page) {
        String after = "";
        while (true) {
            Map<String, Stored> rows = new LinkedHashMap<>();
            try (Connection c = connection(); PreparedStatement s = c.prepareStatement(dialect.scan(table))) {
                s.setString(1, SqlDialect.likePrefix(prefix));
                s.setString(2, after);
                s.setInt(3, CHUNK);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getString(1), new Stored(r.getString(2), r.getLong(3)));
                        after = r.getString(1);
                    }
                }
            } catch (SQLException e) {
                throw failed("scan", e);
            }
            page.accept(rows);
            if (rows.size() < CHUNK) {
                return;
            }
        }
    }

    /** Deletes the expired entries when the interval has passed, once for all threads; a failure is logged, not the caller's. */
    private void cleanUpWhenDue() {
        long due = nextCleanup.get();
        long now = clock.getAsLong();
        if (cleanupIntervalMillis <= 0 || now - due < 0 || !nextCleanup.compareAndSet(due, now + cleanupIntervalMillis)) {
            return;
        }
        try (Connection c = connection(); Statement s = c.createStatement()) {
            int gone = s.executeUpdate(dialect.deleteExpired(table));
            LOG.log(Level.FINE, "state table {0}: deleted {1} expired entries", new Object[] {table, gone});
        } catch (SQLException | StateException e) {
            LOG.log(Level.WARNING, "state table {0}: could not delete the expired entries: {1}",
                    new Object[] {table, e.getMessage()});
        }
    }

    /** A pooled connection; on first use, looks the data source up and creates the table when missing. */
    private Connection connection() throws SQLException {
        DataSource ds = dataSource;
        if (ds == null) {
            ds = prepare();
        }
        return ds.getConnection();
    }

    private synchronized DataSource prepare() throws SQLException {
        if (dataSource != null) {
            return dataSource;
        }
        DataSource ds = lookup.get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : dialect.create(table)) {
                s.execute(ddl);
            }
        }
        dataSource = ds;
        return ds;
    }

    private StateException failed(String what, SQLException e) {
        return new StateException("state table " + table + " (" + dialect.backendName() + "): the " + what
                + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }

    @Override
    public String describe() {
        return dialect.backendName() + " table " + table;
    }
}
