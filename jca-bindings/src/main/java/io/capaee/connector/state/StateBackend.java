// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where state entries live; keys are already namespaced. Each entry has a version, a positive
 * number that grows with every write and is the entry's ETag. Thread-safe; failures are
 * {@link io.capaee.api.state.StateException}s.
 */
public interface StateBackend {
    /** A stored entry: its JSON text and version. */
    record Stored(String value, long version) {}

    /** The live entries among {@code keys}. */
    Map<String, Stored> get(List<String> keys);

    /**
     * Applies all writes or none, atomically. Returns -1 on success, else the index of the first
     * write whose check failed (then nothing was written).
     */
    int apply(List<StateWrite> writes);

    /**
     * Applies each write on its own (Dapr's bulk save: not atomic, writes before a failing one stay).
     * Returns -1 on success, else the index of the first write whose check failed. A backend with
     * quotas refuses the whole list before writing anything when it would not fit.
     */
    default int applyEach(List<StateWrite> writes) {
        for (int i = 0; i < writes.size(); i++) {
            if (apply(List.of(writes.get(i))) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The live entries whose key starts with {@code prefix}, a page at a time (a key may come twice, as Redis's SCAN
     * gives it), in no set order.
     */
    void scan(String prefix, Consumer<Map<String, Stored>> page);

    /** A short description for messages; no secrets. */
    String describe();
}
