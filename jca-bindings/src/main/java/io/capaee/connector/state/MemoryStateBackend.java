// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The embedded default: entries in this server's memory, lost on restart. One lock for the whole
 * store keeps transactions atomic; entries past their TTL are dropped when touched.
 */
public final class MemoryStateBackend implements StateBackend {
    private record Entry(String value, long version, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new HashMap<>(); // guarded by this
    private long lastVersion; // guarded by this; one sequence for the store, so versions never repeat
    private final LongSupplier nanoClock;

    public MemoryStateBackend() {
        this(System::nanoTime);
    }

    /** With a clock for tests of expiry. */
    public MemoryStateBackend(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
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
        long now = nanoClock.getAsLong();
        for (StateWrite w : writes) {
            if (w.delete()) {
                entries.remove(w.key());
            } else {
                // an ETag from before a delete can never match the key's next life
                long version = ++lastVersion;
                // ttlSeconds <= MAX_TTL_SECONDS: the product fits; the sum may wrap, which the
                // difference in live() allows for, as with any System.nanoTime deadline
                long ttl = Math.min(w.ttlSeconds(), StateWrite.MAX_TTL_SECONDS);
                long expires = ttl > 0 ? now + ttl * 1_000_000_000L : Long.MAX_VALUE;
                entries.put(w.key(), new Entry(w.value(), version, expires));
            }
        }
        return -1;
    }

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e != null && e.expiresAtNanos() != Long.MAX_VALUE && nanoClock.getAsLong() - e.expiresAtNanos() >= 0) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    @Override
    public String describe() {
        return "memory";
    }
}
