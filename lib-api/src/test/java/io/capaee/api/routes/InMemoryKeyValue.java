// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A key/value store fake: one map, atomic compare-and-set, and a switch that makes it unreachable. */
final class InMemoryKeyValue implements KeyValueConnectionFactory {
    final ConcurrentHashMap<String, String> data = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    /** Write stamps as the resource adapter keeps them, when on (off: {@link #NOT_TRACKED}, the default). */
    final AtomicLong writes = new AtomicLong();
    volatile boolean stamped;
    volatile boolean down;

    @Override
    public long writeStamp(String key) {
        return stamped ? writes.get() : NOT_TRACKED;
    }

    @Override
    public KeyValueConnection getConnection() {
        return new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                check();
                reads.incrementAndGet();
                return Optional.ofNullable(data.get(key));
            }

            @Override
            public void set(String key, String value) {
                check();
                data.put(key, value);
                writes.incrementAndGet();
            }

            @Override
            public boolean delete(String key) {
                check();
                writes.incrementAndGet();
                return data.remove(key) != null;
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                check();
                writes.incrementAndGet();
                if (expected == null) {
                    return data.putIfAbsent(key, value) == null;
                }
                return data.replace(key, expected, value);
            }

            @Override
            public List<String> keys(String pattern) {
                check();
                return data.keySet().stream().filter(k -> Objects.equals(k, pattern)).toList();
            }

            @Override
            public void close() {}

            private void check() {
                if (down) {
                    throw new KeyValueException("connection refused");
                }
            }
        };
    }
}
