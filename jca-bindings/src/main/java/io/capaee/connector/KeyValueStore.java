// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import io.capaee.api.kv.Fence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A key/value backend behind {@link io.capaee.api.kv.KeyValueConnection} handles. Implementations
 * are thread-safe and shared by every managed connection of one managed connection factory; they
 * throw {@link io.capaee.api.kv.KeyValueException} when the store cannot do what was asked.
 */
public interface KeyValueStore {
    Optional<String> get(String key);

    void set(String key, String value);

    boolean delete(String key);

    /** Stores {@code value} if the current value is {@code expected} ({@code null}: absent), atomically. */
    boolean compareAndSet(String key, String expected, String value);

    /** {@link #compareAndSet}, the key expiring {@code ttl} after the write (a lease, a heartbeat). */
    boolean compareAndSet(String key, String expected, String value, Duration ttl);

    /** Removes {@code key} if it holds {@code expected}, atomically. */
    boolean compareAndDelete(String key, String expected);

    /**
     * {@link #compareAndSet} while {@code fence} holds, in one atomic step.
     *
     * @throws io.capaee.api.kv.FencedException when it does not
     */
    boolean compareAndSet(String key, String expected, String value, Fence fence);

    /** The keys matching a Redis glob pattern, without duplicates, in no order. */
    List<String> keys(String pattern);

    /** A short description for logs and metadata, e.g. {@code redis 127.0.0.1:6379/0}; no secrets. */
    String describe();
}
