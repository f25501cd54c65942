// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import java.util.List;
import java.util.Map;

/**
 * Where the objects deployed through the APIs are kept so that a restarted server deploys them
 * again. Writes return once the document is durable in the store (a file forced to disk, a Redis
 * write acknowledged); every method throws {@link DesiredStateException} when the store fails.
 * Thread-safe.
 */
public interface DesiredState {
    /** Stores {@code entry}, replacing the entry of the same kind and id. */
    void put(DesiredEntry entry);

    /** Removes the entry; true when there was one. */
    boolean remove(String kind, String id);

    /** Every entry of {@code kind}, by id, and the documents that could not be read. */
    Listing list(String kind);

    /** Where the documents are, for logs and listings (a directory, or a key prefix). */
    String where();

    /**
     * A kind's entries, sorted by id, and its unreadable documents (where the document is, e.g. a
     * file or a key, to what is wrong with it): reported, never deleted, so an operator can mend them.
     */
    record Listing(List<DesiredEntry> entries, Map<String, String> unreadable) {
        public Listing {
            entries = List.copyOf(entries);
            unreadable = Map.copyOf(unreadable);
        }
    }
}
