// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link KeyValueConnection} an application holds; delegates to its managed connection. */
public final class KeyValueConnectionHandle extends ConnectionHandle implements KeyValueConnection {

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return connection().store().get(key);
    }

    @Override
    public void set(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            connection().store().set(key, value);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return connection().store().delete(key);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            return connection().store().compareAndSet(key, expected, value);
        } finally {
            written(key);
        }
    }

    @Override
    public List<String> keys(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return connection().store().keys(pattern);
    }

    @Override
    protected RuntimeException invalid(String problem) {
        return new KeyValueException(problem);
    }

    /** Also after a failure: the write may have happened all the same (a Redis reply lost). */
    private void written(String key) {
        ((KeyValueManagedConnectionFactory) connection().factory()).stamps().bump(key);
    }

    private KeyValueManagedConnection connection() {
        return (KeyValueManagedConnection) owner();
    }
}
