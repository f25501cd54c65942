// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A handle on a key/value store. Not thread-safe: one handle per unit of work, closed after it.
 * Every method throws {@link KeyValueException} when the store cannot be reached.
 */
public interface KeyValueConnection extends AutoCloseable {
    /** The value stored at {@code key}, or empty when the key does not exist. */
    Optional<String> get(String key);

    /** Stores {@code value} at {@code key} without expiry, replacing any previous value. */
    void set(String key, String value);

    /** Removes {@code key}; true when it existed. */
    boolean delete(String key);

    /**
     * Atomically stores {@code value} at {@code key} if its current value is {@code expected}
     * ({@code null}: only if the key does not exist). Returns whether it stored the value. This is
     * what optimistic updates of shared documents (route tables, ETags) are built on.
     */
    boolean compareAndSet(String key, String expected, String value);

    /**
     * {@link #compareAndSet(String, String, String)}, and the key expires {@code ttl} after this write
     * unless written again: what leases and heartbeats are built on (take: {@code expected} null;
     * renew: {@code expected} and {@code value} the holder's token).
     */
    default boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        throw new KeyValueException("this key/value store has no expiring keys (leases need the memory or redis backend)");
    }

    /** Removes {@code key} if it holds {@code expected}, atomically: a lease given back by its holder only. */
    default boolean compareAndDelete(String key, String expected) {
        throw new KeyValueException("this key/value store has no compare-and-delete (leases need the memory or redis backend)");
    }

    /**
     * {@link #compareAndSet(String, String, String)} that takes effect only while {@code fence} holds,
     * checked in the same atomic step.
     *
     * @throws FencedException when the fence's key does not hold its value: nothing was written
     */
    default boolean compareAndSet(String key, String expected, String value, Fence fence) {
        throw new KeyValueException("this key/value store has no fenced writes (leases need the memory or redis backend)");
    }

    /** The keys that match a Redis glob {@code pattern} ({@code *}, {@code ?}, {@code [..]}), in no order. */
    List<String> keys(String pattern);

    /** {@code literal} as a glob that matches only itself: {@code *}, {@code ?}, {@code [}, {@code ]} and {@code \} escaped. */
    static String globLiteral(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Gives the handle back; further calls throw {@link KeyValueException}. */
    @Override
    void close();
}
