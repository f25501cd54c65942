// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

/**
 * Whether a call chain (one {@code Dapr-Reentrancy-Id}) may enter an actor that is already inside a
 * turn of the same chain, and how many turns of it may be inside at once (Dapr's
 * {@code reentrancy: {enabled, maxStackDepth}}).
 */
public record Reentrancy(boolean enabled, int maxStackDepth) {
    public Reentrancy {
        if (maxStackDepth < 1) {
            throw new IllegalArgumentException("maxStackDepth must be at least 1, not " + maxStackDepth);
        }
    }
}
