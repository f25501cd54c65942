// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateStoreFullException;
import io.capaee.connector.memory.Utf8;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The embedded default: entries in this server's memory, lost on restart. One lock for the whole
 * store keeps transactions atomic; entries past their TTL are dropped when touched, or when the
 * store is full. At most {@code maxEntries} entries and {@code maxBytes} bytes (keys and values,
 * counted as UTF-8): a write set that would go beyond either is refused whole with
 * {@link StateStoreFullException}, so a transaction or bulk save never half happens.
 */
public final class MemoryStateBackend implements StateBackend {
    private record Entry(String value, long version, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new HashMap<>(); // guarded by this
    private long bytes; // guarded by this; the size of every key and value held
    private long lastVersion; // guarded by this; one sequence for the store, so versions never repeat
    private final LongSupplier nanoClock;
    private final long maxEntries;
    private final long maxBytes;

    public MemoryStateBackend(long maxEntries, long maxBytes) {
        this(System::nanoTime, maxEntries, maxBytes);
    }

    /** With a clock for tests of expiry. */
    public MemoryStateBackend(LongSupplier nanoClock, long maxEntries, long maxBytes) {
        this.nanoClock = nanoClock;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized Map<String, Stored> get(List<String> keys) {
        Map<String, Stored> found = new LinkedHashMap<>();
        for (String key : keys) {
            Entry e = live(key);
            if (e != null) {
                found.put(key, new Stored(e.value(), e.version()));
            }
        }
        return found;
    }

    @Override
    public synchronized int apply(List<StateWrite> writes) {
        for (int i = 0; i < writes.size(); i++) {
            StateWrite w = writes.get(i);
            Entry e = live(w.key());
            boolean holds = switch (w.check()) {
                case NONE -> true;
                case ABSENT -> e == null;
                case VERSION -> e != null && e.version() == w.expectedVersion();
            };
            if (!holds) {
                return i;
            }
        }
        requireRoom(writes);
        long now = nanoClock.getAsLong();
        for (StateWrite w : writes) {
            if (w.delete()) {
                remove(w.key());
            } else {
                // an ETag from before a delete can never match the key's next life
                long version = ++lastVersion;
                // ttlSeconds <= MAX_TTL_SECONDS: the product fits; the sum may wrap, which the
                // difference in live() allows for, as with any System.nanoTime deadline
                long ttl = Math.min(w.ttlSeconds(), StateWrite.MAX_TTL_SECONDS);
                long expires = ttl > 0 ? now + ttl * 1_000_000_000L : Long.MAX_VALUE;
                remove(w.key());
                entries.put(w.key(), new Entry(w.value(), version, expires));
                bytes += size(w.key(), w.value());
            }
        }
        return -1;
    }

    @Override
    public synchronized int applyEach(List<StateWrite> writes) {
        requireRoom(writes);
        return StateBackend.super.applyEach(writes);
    }

    private void requireRoom(List<StateWrite> writes) {
        if (!fits(writes)) {
            sweepExpired();
            if (!fits(writes)) {
                throw new StateStoreFullException("the memory state store is full: it holds at most " + maxEntries
                        + " entries (capa.state.memory.max-entries) and " + maxBytes
                        + " bytes (capa.state.memory.max-bytes); nothing of this request was written");
            }
        }
    }

    /** Whether the store stays within its quotas after {@code writes}; counts entries past their TTL as held. */
    private boolean fits(List<StateWrite> writes) {
        Map<String, Long> after = new HashMap<>(); // key -> its size once the writes so far are applied, -1 absent
        long n = entries.size();
        long b = bytes;
        for (StateWrite w : writes) {
            Long before = after.get(w.key());
            if (before == null) {
                Entry e = entries.get(w.key());
                before = e == null ? -1L : size(w.key(), e.value());
            }
            long now = w.delete() ? -1L : size(w.key(), w.value());
            n += (now >= 0 ? 1 : 0) - (before >= 0 ? 1 : 0);
            b += Math.max(now, 0) - Math.max(before, 0);
            after.put(w.key(), now);
        }
        return n <= maxEntries && b <= maxBytes;
    }

    private void sweepExpired() {
        long now = nanoClock.getAsLong();
        for (String key : List.copyOf(entries.keySet())) {
            Entry e = entries.get(key);
            if (e.expiresAtNanos() != Long.MAX_VALUE && now - e.expiresAtNanos() >= 0) {
                remove(key);
            }
        }
    }

    private void remove(String key) {
        Entry e = entries.remove(key);
        if (e != null) {
            bytes -= size(key, e.value());
        }
    }

    private static long size(String key, String value) {
        return Utf8.length(key) + Utf8.length(value);
    }

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e != null && e.expiresAtNanos() != Long.MAX_VALUE && nanoClock.getAsLong() - e.expiresAtNanos() >= 0) {
            remove(key);
            return null;
        }
        return e;
    }

    /** One page: the whole store is in memory already, and the lock is held only while copying. */
    @Override
    public void scan(String prefix, Consumer<Map<String, Stored>> page) {
        Map<String, Stored> found = new LinkedHashMap<>();
        synchronized (this) {
            for (String key : List.copyOf(entries.keySet())) {
                Entry e = key.startsWith(prefix) ? live(key) : null;
                if (e != null) {
                    found.put(key, new Stored(e.value(), e.version()));
                }
            }
        }
        page.accept(found);
    }

    @Override
    public String describe() {
        return "memory";
    }
}
