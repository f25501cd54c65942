// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.Fence;
import io.capaee.api.kv.FencedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory key/value store for unit tests, with the real store's compare-and-set semantics, and
 * keys that expire on a clock of the test's (leases).
 */
public final class MemoryKeyValue implements KeyValueConnectionFactory {
    final Map<String, String> data = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Clock clock;

    public MemoryKeyValue() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock that expiring keys are checked against */
    public MemoryKeyValue(Clock clock) {
        this.clock = clock;
    }

    /** Drops {@code key} if it expired. */
    private void expire(String key) {
        synchronized (data) {
            Instant at = expiries.get(key);
            if (at != null && !clock.instant().isBefore(at)) {
                expiries.remove(key);
                data.remove(key);
            }
        }
    }

    private boolean cas(String key, String expected, String value, Instant expiresAt) {
        synchronized (data) {
            expire(key);
            if (!Objects.equals(data.get(key), expected)) {
                return false;
            }
            data.put(key, value);
            if (expiresAt == null) {
                expiries.remove(key);
            } else {
                expiries.put(key, expiresAt);
            }
            return true;
        }
    }

    @Override
    public KeyValueConnection getConnection() {
        return new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                reads.incrementAndGet();
                expire(key);
                return Optional.ofNullable(data.get(key));
            }

            @Override
            public void set(String key, String value) {
                data.put(key, value);
            }

            @Override
            public boolean delete(String key) {
                return data.remove(key) != null;
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                return cas(key, expected, value, null);
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
                return cas(key, expected, value, clock.instant().plus(ttl));
            }

            @Override
            public boolean compareAndDelete(String key, String expected) {
                synchronized (data) {
                    expire(key);
                    if (expected == null || !expected.equals(data.get(key))) {
                        return false;
                    }
                    data.remove(key);
                    expiries.remove(key);
                    return true;
                }
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value, Fence fence) {
                synchronized (data) {
                    expire(fence.key());
                    if (!fence.value().equals(data.get(fence.key()))) {
                        throw new FencedException(fence);
                    }
                    return cas(key, expected, value, null);
                }
            }

            @Override
            public List<String> keys(String pattern) {
                List.copyOf(data.keySet()).forEach(k -> expire(k));
                String regex = pattern.replace("\\|", "|").replaceAll("([.|()+^$])", "\\\\$1").replace("*", ".*").replace("?", ".");
                return data.keySet().stream().filter(k -> k.matches(regex)).toList();
            }

            @Override
            public void close() {}
        };
    }
}
