// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory key/value store for unit tests, with the real store's compare-and-set semantics. */
public final class MemoryKeyValue implements KeyValueConnectionFactory {
    final Map<String, String> data = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public KeyValueConnection getConnection() {
        return new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                reads.incrementAndGet();
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
                synchronized (data) {
                    if (!Objects.equals(data.get(key), expected)) {
                        return false;
                    }
                    data.put(key, value);
                    return true;
                }
            }

            @Override
            public List<String> keys(String pattern) {
                String regex = pattern.replace("\\|", "|").replaceAll("([.|()+^$])", "\\\\$1").replace("*", ".*").replace("?", ".");
                return data.keySet().stream().filter(k -> k.matches(regex)).toList();
            }

            @Override
            public void close() {}
        };
    }
}
