// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.memory;

import io.capaee.api.kv.Fence;
import io.capaee.api.kv.FencedException;
import io.capaee.connector.KeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The {@code memory} backend: a concurrent map, one per managed connection factory, lost when the
 * server stops. Thread-safe; {@link #keys} sees a weakly consistent snapshot, like Redis's SCAN. A key
 * written with a time to live reads as absent once it has passed (and is dropped then). The lease
 * writes (with a time to live, compare-and-delete, fenced) take one lock, so that a fenced write and a
 * change of its fence's key never interleave.
 */
public final class MemoryKeyValueStore implements KeyValueStore {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Object leases = new Object();
    private final LongSupplier nanos;

    /** One value, and when it expires ({@code 0}: never). */
    private record Entry(String value, long expiresAtNanos) {
        boolean live(long now) {
            return expiresAtNanos == 0 || expiresAtNanos - now > 0;
        }
    }

    public MemoryKeyValueStore() {
        this(System::nanoTime);
    }

    /** @param nanos the clock of expiries (a test's own) */
    public MemoryKeyValueStore(LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(current(key));
    }

    /** The live value of {@code key}, dropping an expired one; null when there is none. */
    private String current(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!e.live(nanos.getAsLong())) {
            entries.remove(key, e);
            return null;
        }
        return e.value();
    }

    @Override
    public void set(String key, String value) {
        entries.put(key, new Entry(value, 0));
    }

    @Override
    public boolean delete(String key) {
        Entry e = entries.remove(key);
        return e != null && e.live(nanos.getAsLong());
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        return write(key, expected, new Entry(value, 0));
    }

    private boolean write(String key, String expected, Entry next) {
        boolean[] written = {false};
        entries.compute(key, (k, e) -> {
            String current = e == null || !e.live(nanos.getAsLong()) ? null : e.value();
            if (!Objects.equals(current, expected)) {
                return current == null ? null : e;
            }
            written[0] = true;
            return next;
        });
        return written[0];
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        synchronized (leases) {
            return write(key, expected, new Entry(value, nanos.getAsLong() + Math.max(1, ttl.toNanos())));
        }
    }

    @Override
    public boolean compareAndDelete(String key, String expected) {
        synchronized (leases) {
            if (expected == null || !expected.equals(current(key))) {
                return false;
            }
            entries.remove(key);
            return true;
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Fence fence) {
        synchronized (leases) {
            if (!fence.value().equals(current(fence.key()))) {
                throw new FencedException(fence);
            }
            return write(key, expected, new Entry(value, 0));
        }
    }

    @Override
    public List<String> keys(String pattern) {
        GlobPattern glob = GlobPattern.compile(pattern);
        long now = nanos.getAsLong();
        return entries.entrySet().stream().filter(e -> e.getValue().live(now) && glob.matches(e.getKey())).map(Map.Entry::getKey).toList();
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public String toString() {
        return "memory key/value store (" + entries.size() + " keys)";
    }
}
