// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

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

    /** The keys that match a Redis glob {@code pattern} ({@code *}, {@code ?}, {@code [..]}), in no order. */
    List<String> keys(String pattern);

    /** Gives the handle back; further calls throw {@link KeyValueException}. */
    @Override
    void close();
}
