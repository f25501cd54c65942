// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.kv.Fence;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueException;
import io.capaee.connector.KeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link KeyValueConnection} an application holds; delegates to its managed connection. */
public final class KeyValueConnectionHandle extends BackendConnectionHandle<KeyValueStore> implements KeyValueConnection {
    KeyValueConnectionHandle() {
        super(KeyValueException::new);
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return backend().get(key);
    }

    @Override
    public void set(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            backend().set(key, value);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return backend().delete(key);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        try {
            return backend().compareAndSet(key, expected, value);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a key's time to live must be positive, not " + ttl);
        }
        try {
            return backend().compareAndSet(key, expected, value, ttl);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean compareAndDelete(String key, String expected) {
        Objects.requireNonNull(key, "key");
        try {
            return backend().compareAndDelete(key, expected);
        } finally {
            written(key);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Fence fence) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(fence, "fence");
        try {
            return backend().compareAndSet(key, expected, value, fence);
        } finally {
            written(key);
        }
    }

    @Override
    public List<String> keys(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return backend().keys(pattern);
    }

    /** Also after a failure: the write may have happened all the same (a Redis reply lost). */
    private void written(String key) {
        ((KeyValueManagedConnectionFactory) owner().factory()).stamps().bump(key);
    }
}
