// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.memory;

import io.capaee.connector.KeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code memory} backend: a concurrent map, one per managed connection factory, lost when the
 * server stops. Thread-safe; {@link #keys} sees a weakly consistent snapshot, like Redis's SCAN.
 */
public final class MemoryKeyValueStore implements KeyValueStore {
    private final Map<String, String> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void set(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(key) != null;
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        return expected == null ? entries.putIfAbsent(key, value) == null : entries.replace(key, expected, value);
    }

    @Override
    public List<String> keys(String pattern) {
        GlobPattern glob = GlobPattern.compile(pattern);
        return entries.keySet().stream().filter(glob::matches).toList();
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
