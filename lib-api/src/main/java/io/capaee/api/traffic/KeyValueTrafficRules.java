// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import io.capaee.api.config.Durations;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The traffic rules as one JSON document at one key of the key/value store, beside the proxy's
 * routes: every WAR of a server shares it with {@code capa.kv.backend=memory}, every server with
 * {@code redis}. Reads come from a local copy refreshed at most once per interval (the request path
 * makes no store round-trip; a change made anywhere applies within about one interval); writes are
 * read-change-compare-and-set, again until no other writer came in between. While the store cannot
 * be reached, reads keep the last copy (logged). Thread-safe.
 */
public final class KeyValueTrafficRules implements Supplier<TrafficRules> {
    /** MicroProfile Config keys read by {@link #fromConfig}. */
    public static final String KEY_PROPERTY = "capa.traffic.rules-key";
    public static final String REFRESH_PROPERTY = "capa.proxy.routes-refresh";

    private static final Logger LOG = Logger.getLogger(KeyValueTrafficRules.class.getName());
    private static final int MAX_ATTEMPTS = 100;

    private final KeyValueConnectionFactory store;
    private final String key;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Copy copy;

    private record Copy(String raw, TrafficRules rules, long readAt) {}

    public KeyValueTrafficRules(KeyValueConnectionFactory store, String key, Duration refresh, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Key {@code capa.traffic.rules-key} (its default is server.xml's), refresh {@code capa.proxy.routes-refresh} (as the routes). */
    public static KeyValueTrafficRules fromConfig(KeyValueConnectionFactory store) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String key = config.getValue(KEY_PROPERTY, String.class);
        Duration refresh = config.getOptionalValue(REFRESH_PROPERTY, String.class).filter(r -> !r.isBlank())
                .map(Durations::parse).orElse(io.capaee.api.routes.KeyValueRouteTable.DEFAULT_REFRESH);
        return new KeyValueTrafficRules(store, key, refresh, System::nanoTime);
    }

    public String key() {
        return key;
    }

    /** The rules in force (the local copy, re-read when older than the refresh interval). */
    @Override
    public TrafficRules get() {
        Copy c = copy;
        if (c == null) {
            try {
                c = read();
            } catch (TrafficException e) {
                LOG.log(Level.WARNING, "traffic rules at key {0} cannot be read, none apply: {1}", new Object[] {key, e.getMessage()});
                c = new Copy(null, TrafficRules.NONE, nanoTime.getAsLong());
            }
            copy = c;
            return c.rules();
        }
        if (nanoTime.getAsLong() - c.readAt() < refreshNanos || !refreshing.compareAndSet(false, true)) {
            return c.rules();
        }
        try {
            Copy fresh = read();
            copy = fresh;
            return fresh.rules();
        } catch (TrafficException e) {
            LOG.log(Level.WARNING, "traffic rules at key {0} cannot be read, the last copy applies: {1}", new Object[] {key, e.getMessage()});
            copy = new Copy(c.raw(), c.rules(), nanoTime.getAsLong());
            return c.rules();
        } finally {
            refreshing.set(false);
        }
    }

    /** The rules as stored now, whatever the age of the copy. */
    public TrafficRules fresh() {
        Copy c = read();
        copy = c;
        return c.rules();
    }

    private Copy read() {
        try (KeyValueConnection c = store.getConnection()) {
            String raw = c.get(key).orElse(null);
            Copy last = copy;
            if (last != null && Objects.equals(raw, last.raw())) {
                return new Copy(raw, last.rules(), nanoTime.getAsLong());
            }
            return new Copy(raw, parseStored(raw), nanoTime.getAsLong());
        } catch (KeyValueException e) {
            throw new TrafficException(TrafficException.Reason.STORE, "traffic rule store unreachable: " + e.getMessage(), e);
        }
    }

    private TrafficRules parseStored(String raw) {
        try {
            return TrafficRulesDocument.parse(raw);
        } catch (TrafficException e) {
            // only this class writes the key, after validating: someone wrote it by hand
            throw new TrafficException(TrafficException.Reason.STORE, "the traffic rules at key " + key + " are not valid: " + e.getMessage(), e);
        }
    }

    /** Changes the stored rules: read, {@code change}, compare-and-set, again on a conflict. @return the new rules */
    public TrafficRules update(UnaryOperator<TrafficRules> change) {
        try (KeyValueConnection c = store.getConnection()) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                String raw = c.get(key).orElse(null);
                TrafficRules next = change.apply(parseStored(raw));
                String written = TrafficRulesDocument.write(next);
                if (written.equals(raw) || c.compareAndSet(key, raw, written)) {
                    copy = new Copy(written, next, nanoTime.getAsLong());
                    return next;
                }
                Thread.onSpinWait();
            }
            throw new TrafficException(TrafficException.Reason.STORE, "traffic rule update at key " + key + " kept conflicting with other writers");
        } catch (KeyValueException e) {
            throw new TrafficException(TrafficException.Reason.STORE, "traffic rule store unreachable: " + e.getMessage(), e);
        }
    }
}
