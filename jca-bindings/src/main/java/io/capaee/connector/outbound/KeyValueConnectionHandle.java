// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.KeyValueStore;
import io.capaee.connector.store.BackendManagedConnection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link KeyValueConnection} an application holds; delegates to its managed connection. */
public final class KeyValueConnectionHandle extends ConnectionHandle implements KeyValueConnection {

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return store().get(key);
    }

    @Override
    public void set(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            store().set(key, value);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return store().delete(key);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            return store().compareAndSet(key, expected, value);
        } finally {
            written(key);
        }
    }

    @Override
    public List<String> keys(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return store().keys(pattern);
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new KeyValueException(problem);
    }

    /** Also after a failure: the write may have happened all the same (a Redis reply lost). */
    private void written(String key) {
        ((KeyValueManagedConnectionFactory) connection().factory()).stamps().bump(key);
    }

    private KeyValueStore store() {
        return connection().backend();
    }

    @SuppressWarnings("unchecked")
    private BackendManagedConnection<KeyValueStore> connection() {
        return (BackendManagedConnection<KeyValueStore>) owner();
    }
}
