// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.Optional;
import java.util.Set;

/**
 * The state of one actor, as key/value pairs of JSON. Reads see the turn's own writes. Everything
 * written during a turn is saved atomically when the turn ends normally and discarded when it
 * throws; {@link #flush()} saves earlier, e.g. before a long wait.
 */
public interface ActorState {
    /** The value at {@code key} read as {@code type} (JSON-B), or empty when there is none. */
    <T> Optional<T> get(String key, Class<T> type);

    /**
     * Stores {@code value} (any JSON-B serialisable object, not null) at {@code key}.
     *
     * @throws IllegalArgumentException when the key is empty, contains {@code ||}, or is one the HTTP API
     *     could not name ({@link io.capaee.api.state.StateKeys}: no {@code /}, {@code \}, control
     *     characters, {@code .} or {@code ..})
     */
    void set(String key, Object value);

    /** Removes {@code key}; true when it was there. */
    boolean remove(String key);

    boolean contains(String key);

    /** The keys, sorted. */
    Set<String> keys();

    /** Saves this turn's changes now. */
    void flush();
}
