// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import io.capaee.api.config.Durations;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The route table as one JSON document ({@code {"fn":{"rev":["url",...]}}}) at one key of a
 * key/value store. Writes are optimistic: read the document, change it, {@code compareAndSet}
 * it back, and start again if another writer (a thread, or another server sharing the Redis)
 * got there first, so no update is lost. Reads come from a local copy refreshed from the store at
 * most once per refresh interval: the request path makes no store round-trip, and a change made
 * on another server is seen within about one interval. While the store cannot be reached, reads
 * keep answering from the last copy (logged); writes fail with {@link RouteException.Reason#STORE}.
 *
 * <p>Thread-safe. With the {@code memory} backend (one store per server, shared by every WAR) the
 * WARs of one server share routes; with {@code redis} every server does.
 */
public final class KeyValueRouteTable implements RouteTable {
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(250);
    /** MicroProfile Config keys (server.xml variables) read by {@link #fromConfig}. */
    public static final String KEY_PROPERTY = "capa.proxy.routes-key";
    public static final String REFRESH_PROPERTY = "capa.proxy.routes-refresh";

    private static final Logger LOG = Logger.getLogger(KeyValueRouteTable.class.getName());
    private static final int MAX_ATTEMPTS = 200;

    private final KeyValueConnectionFactory store;
    private final String key;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Copy copy;

    /**
     * The local copy: the raw document as stored (null: no key), its parsed form, when it was read,
     * and the store's {@link KeyValueConnectionFactory#writeStamp write stamp} of the key taken
     * just before reading it.
     */
    private record Copy(String raw, Map<String, Map<String, List<String>>> routes, long readAt, long stamp) {}

    public KeyValueRouteTable(KeyValueConnectionFactory store, String key, Duration refresh) {
        this(store, key, refresh, System::nanoTime);
    }

    /** @param nanoTime a clock in nanoseconds, for tests */
    public KeyValueRouteTable(KeyValueConnectionFactory store, String key, Duration refresh, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("the route key must not be blank");
        }
        this.refreshNanos = Objects.requireNonNull(refresh, "refresh").toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * The table every WAR of a server should use (each WAR's CDI producer calls this): key
     * {@code capa.proxy.routes-key} (its default in server.xml), refresh {@code capa.proxy.routes-refresh}
     * (default 250 ms), so that the proxy and the worker always share one document.
     */
    public static KeyValueRouteTable fromConfig(KeyValueConnectionFactory store) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String key = config.getValue(KEY_PROPERTY, String.class);
        Duration refresh = config.getOptionalValue(REFRESH_PROPERTY, String.class).filter(r -> !r.isBlank())
                .map(Durations::parse).orElse(DEFAULT_REFRESH);
        return new KeyValueRouteTable(store, key, refresh);
    }

    public String key() {
        return key;
    }

    @Override
    public Map<String, Map<String, List<String>>> snapshot() {
        return current().routes();
    }

    @Override
    public Optional<List<String>> urls(String function, String revision) {
        Copy c = current();
        Optional<List<String>> found = lookup(c, function, revision);
        if (found.isEmpty() && nanoTime.getAsLong() - c.readAt() > MISS_REFRESH_NANOS && !unchangedHere(c)) {
            // A route another WAR or server has just added must work at once (a worker's deploy
            // returns only when the route is stored): a miss re-reads the store, at most once a
            // millisecond, unless the store vouches that nothing changed it (memory backend only).
            Copy fresh = read();
            copy = fresh;
            found = lookup(fresh, function, revision);
        }
        return found;
    }

    private static final long MISS_REFRESH_NANOS = 1_000_000;

    private static Optional<List<String>> lookup(Copy c, String function, String revision) {
        Map<String, List<String>> revisions = c.routes().get(function);
        return revisions == null ? Optional.empty() : Optional.ofNullable(revisions.get(revision));
    }

    @Override
    public void createFunction(String function, String revision, String url) {
        update(routes -> {
            if (routes.containsKey(function)) {
                throw new RouteException(RouteException.Reason.FUNCTION_EXISTS, function + " already exists");
            }
            Map<String, List<String>> revisions = new TreeMap<>();
            revisions.put(revision, new ArrayList<>(List.of(url)));
            routes.put(function, revisions);
        });
    }

    @Override
    public void removeFunction(String function) {
        update(routes -> {
            if (routes.remove(function) == null) {
                throw notFound(function);
            }
        });
    }

    @Override
    public void addRevision(String function, String revision, String url) {
        update(routes -> {
            Map<String, List<String>> revisions = function(routes, function);
            if (revisions.containsKey(revision)) {
                throw new RouteException(RouteException.Reason.REVISION_EXISTS, revision + " already exists");
            }
            revisions.put(revision, new ArrayList<>(List.of(url)));
        });
    }

    @Override
    public void removeRevision(String function, String revision) {
        update(routes -> {
            if (function(routes, function).remove(revision) == null) {
                throw revisionNotFound(revision);
            }
        });
    }

    @Override
    public void addUrl(String function, String revision, String url) {
        update(routes -> revision(routes, function, revision).add(url));
    }

    @Override
    public void removeUrl(String function, String revision, String url) {
        update(routes -> revision(routes, function, revision).remove(url));
    }

    @Override
    public void putRevision(String function, String revision, List<String> urls) {
        List<String> copy = List.copyOf(urls);
        update(routes -> routes.computeIfAbsent(function, f -> new TreeMap<>()).put(revision, new ArrayList<>(copy)));
    }

    @Override
    public void updateRevision(String function, String revision, UnaryOperator<List<String>> change) {
        update(routes -> {
            Map<String, List<String>> revisions = routes.get(function);
            List<String> current = revisions == null ? List.of() : revisions.getOrDefault(revision, List.of());
            List<String> next = List.copyOf(change.apply(List.copyOf(current)));
            if (!next.isEmpty()) {
                routes.computeIfAbsent(function, f -> new TreeMap<>()).put(revision, new ArrayList<>(next));
            } else if (revisions != null) {
                revisions.remove(revision);
                if (revisions.isEmpty()) {
                    routes.remove(function);
                }
            }
        });
    }

    @Override
    public Map<String, Map<String, List<String>>> snapshotAfterMiss() {
        Copy c = current();
        if (nanoTime.getAsLong() - c.readAt() <= MISS_REFRESH_NANOS || unchangedHere(c) || !refreshing.compareAndSet(false, true)) {
            return c.routes(); // just read, not written in this server since, or another thread is re-reading
        }
        try {
            Copy fresh = read();
            copy = fresh;
            return fresh.routes();
        } finally {
            refreshing.set(false);
        }
    }

    /**
     * True when no connection of the store in this JVM wrote the key since the copy was read (a
     * worker deploy in this server is such a write), so a miss needs no store read: the bench's
     * {@code /functions/f/hello} is a miss on every request (is {@code hello} a revision?), and
     * the re-read cost 9 % of the proxy's CPU. Only a store whose writers are all in this JVM
     * (the memory backend) tracks stamps; a shared store (Redis) answers NOT_TRACKED, so a miss
     * there still re-reads and sees another server's new route at once.
     */
    private boolean unchangedHere(Copy c) {
        long now = store.writeStamp(key);
        return now != KeyValueConnectionFactory.NOT_TRACKED && now == c.stamp();
    }

    /** True when the store counts writes and one happened in this process since {@code c} was read. */
    private boolean writtenHereSince(Copy c) {
        long now = store.writeStamp(key);
        return now != KeyValueConnectionFactory.NOT_TRACKED && now != c.stamp();
    }

    /** Reads the store now, whatever the age of the local copy. */
    @Override
    public void refresh() {
        copy = read();
    }

    private Copy current() {
        Copy c = copy;
        if (c == null) {
            c = read();
            copy = c;
            return c;
        }
        // fresh enough (and, where the store counts writes, none since: a route the worker of this
        // server removed must not be served from the copy), or another thread is refreshing:
        // answer from the copy, never wait
        if ((nanoTime.getAsLong() - c.readAt() < refreshNanos && !writtenHereSince(c))
                || !refreshing.compareAndSet(false, true)) {
            return c;
        }
        try {
            Copy fresh = read();
            copy = fresh;
            return fresh;
        } catch (RouteException e) {
            LOG.log(Level.WARNING, "route store unreachable at key {0}, answering from the copy read {1} ms ago: {2}",
                    new Object[] {key, (nanoTime.getAsLong() - c.readAt()) / 1_000_000, e.getMessage()});
            Copy stale = new Copy(c.raw(), c.routes(), nanoTime.getAsLong(), c.stamp()); // try again after one interval
            copy = stale;
            return stale;
        } finally {
            refreshing.set(false);
        }
    }

    private Copy read() {
        long stamp = store.writeStamp(key); // before the read: a write after it shows as a change
        try (KeyValueConnection c = store.getConnection()) {
            String raw = c.get(key).orElse(null);
            Copy last = copy;
            if (last != null && Objects.equals(raw, last.raw())) {
                return new Copy(last.raw(), last.routes(), nanoTime.getAsLong(), stamp); // unchanged: no parse
            }
            return new Copy(raw, RouteDocument.parse(raw, key), nanoTime.getAsLong(), stamp);
        } catch (KeyValueException e) {
            throw new RouteException(RouteException.Reason.STORE, "route store unreachable: " + e.getMessage(), e);
        }
    }

    /** Read, change, compare-and-set, again until no other writer came in between. */
    private void update(Consumer<Map<String, Map<String, List<String>>>> change) {
        try (KeyValueConnection c = store.getConnection()) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                long stamp = store.writeStamp(key); // our own write below changes it: the next miss reads once more
                String raw = c.get(key).orElse(null);
                Map<String, Map<String, List<String>>> routes = RouteDocument.mutable(RouteDocument.parse(raw, key));
                change.accept(routes);
                String written = RouteDocument.write(routes);
                if (written.equals(raw) || (raw == null && routes.isEmpty())) {
                    copy = new Copy(raw, RouteDocument.parse(raw, key), nanoTime.getAsLong(), stamp);
                    return; // nothing changed (e.g. removing a URL that is not there)
                }
                if (c.compareAndSet(key, raw, written)) {
                    copy = new Copy(written, RouteDocument.parse(written, key), nanoTime.getAsLong(), stamp);
                    return;
                }
                backOff(attempt);
            }
            throw new RouteException(RouteException.Reason.STORE,
                    "route update at key " + key + " kept conflicting with other writers (" + MAX_ATTEMPTS + " attempts)");
        } catch (KeyValueException e) {
            throw new RouteException(RouteException.Reason.STORE, "route store unreachable: " + e.getMessage(), e);
        }
    }

    private static void backOff(int attempt) {
        if (attempt < 4) {
            Thread.onSpinWait();
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, Math.min(attempt, 20) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouteException(RouteException.Reason.STORE, "interrupted while updating routes", e);
        }
    }

    private static Map<String, List<String>> function(Map<String, Map<String, List<String>>> routes, String function) {
        Map<String, List<String>> revisions = routes.get(function);
        if (revisions == null) {
            throw notFound(function);
        }
        return revisions;
    }

    private static List<String> revision(Map<String, Map<String, List<String>>> routes, String function, String revision) {
        List<String> urls = function(routes, function).get(revision);
        if (urls == null) {
            throw revisionNotFound(revision);
        }
        return urls;
    }

    private static RouteException notFound(String function) {
        return new RouteException(RouteException.Reason.FUNCTION_NOT_FOUND, function + " does not exist");
    }

    private static RouteException revisionNotFound(String revision) {
        return new RouteException(RouteException.Reason.REVISION_NOT_FOUND, revision + " does not exist");
    }

    static Map<String, Map<String, List<String>>> unmodifiable(Map<String, Map<String, List<String>>> routes) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        routes.forEach((f, revisions) -> {
            Map<String, List<String>> r = new TreeMap<>();
            revisions.forEach((rev, urls) -> r.put(rev, List.copyOf(urls)));
            out.put(f, Collections.unmodifiableMap(r));
        });
        return Collections.unmodifiableMap(out);
    }
}
