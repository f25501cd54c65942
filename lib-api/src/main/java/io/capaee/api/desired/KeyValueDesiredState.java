// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The shared store: one document a key, {@code <prefix><kind>:<id>}, in the resource adapter's
 * key/value store. With the Redis backend every server of an application (same prefix, by default
 * {@code capa:desired:<app id>:}) reads one desired state, and each deploys it on itself.
 */
public final class KeyValueDesiredState implements DesiredState {
    private final KeyValueConnectionFactory store;
    private final String prefix;

    public KeyValueDesiredState(KeyValueConnectionFactory store, String prefix) {
        this.store = Objects.requireNonNull(store, "store");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.matches(".*[*?\\[\\]].*")) {
            throw new IllegalArgumentException("key prefix: must be non-blank, without glob characters, was '" + prefix + "'");
        }
    }

    @Override
    public void put(DesiredEntry entry) {
        String key = key(entry.kind(), entry.id());
        try (KeyValueConnection connection = store.getConnection()) {
            connection.set(key, entry.toJson());
        } catch (KeyValueException e) {
            throw new DesiredStateException("writing " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String kind, String id) {
        DesiredEntry.requireId(id);
        String key = key(kind, id);
        try (KeyValueConnection connection = store.getConnection()) {
            return connection.delete(key);
        } catch (KeyValueException e) {
            throw new DesiredStateException("removing " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Listing list(String kind) {
        String pattern = key(kind, "*");
        List<DesiredEntry> entries = new ArrayList<>();
        Map<String, String> unreadable = new TreeMap<>();
        try (KeyValueConnection connection = store.getConnection()) {
            for (String key : connection.keys(pattern)) {
                Optional<String> document = connection.get(key);
                if (document.isEmpty()) {
                    continue; // removed since it was listed
                }
                try {
                    DesiredEntry entry = DesiredEntry.parse(kind, document.get(), key);
                    if (!key.equals(key(kind, entry.id()))) {
                        unreadable.put(key, "holds id '" + entry.id() + "', which belongs at " + key(kind, entry.id()));
                    } else {
                        entries.add(entry);
                    }
                } catch (DesiredStateException e) {
                    unreadable.put(key, e.getMessage());
                }
            }
        } catch (KeyValueException e) {
            throw new DesiredStateException("listing " + pattern + " failed: " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(DesiredEntry::id));
        return new Listing(entries, unreadable);
    }

    @Override
    public String where() {
        return "key/value store, keys " + prefix + "*";
    }

    private String key(String kind, String id) {
        DesiredEntry.requireKind(kind);
        return prefix + kind + ":" + id;
    }
}
