// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A handle on a state store. Keys are the application's own: the store prefixes each with the
 * application id ({@code appId||key}, as Dapr does), so applications never see each other's keys.
 * Values are JSON texts, stored and returned unchanged. Every written entry gets a new ETag.
 *
 * <p>Concurrency: a write with an ETag succeeds only while the entry still has that ETag
 * ({@link EtagMismatchException} otherwise), unless its options say {@code last-write}; a
 * {@code first-write} write without an ETag succeeds only when the key does not exist yet. TTL: item
 * metadata {@code ttlInSeconds} (a positive number; {@code -1} or absent: no expiry).
 *
 * <p>Not thread-safe: one handle per unit of work. Every method throws {@link StateException} when
 * the store fails, {@link InvalidStateRequestException} for a request no store could accept.
 */
public interface StateConnection extends AutoCloseable {
    /** The entry at {@code key}, or empty when there is none (or it expired). */
    Optional<StateEntry> get(String key);

    /** The entries of {@code keys} that exist, keyed by key, in the order asked. */
    Map<String, StateEntry> getBulk(List<String> keys);

    /**
     * Saves each item; not atomic across items (Dapr's bulk save): items before a failing one stay
     * saved. Every item is validated before the first is written.
     */
    void save(List<StateItem> items);

    /** Saves one item. */
    default void save(StateItem item) {
        save(List.of(item));
    }

    /**
     * Deletes {@code key}; with an {@code etag}, only if the entry still has it. Deleting a key
     * that does not exist succeeds when no ETag is given.
     */
    void delete(String key, String etag, StateOptions options);

    /** Applies every operation or none, atomically: no other writer sees a partial transaction. */
    void transact(List<StateOperation> operations);

    /**
     * Every live entry of this application (its own keys, not its actors' state), a page at a time, each once, in
     * no set order: what a state query is evaluated over. It reads the whole store, so it costs as much as the
     * store is large; a page is a few hundred entries.
     *
     * @throws StateScanUnsupportedException when the store cannot list its entries ({@link StateConnectionFactory#scans()})
     */
    default void scan(Consumer<List<StateEntry>> page) {
        throw new StateScanUnsupportedException("this state store cannot list its entries");
    }

    /** Gives the handle back; further calls throw {@link StateException}. */
    @Override
    void close();
}
