// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * Optional lifecycle hooks of a Java actor. Both run inside a turn: state read or written in
 * {@link #onActivate} is saved like any other turn's.
 */
public interface Actor {
    /** Runs before the first call after activation. */
    default void onActivate() {}

    /** Runs when the actor is deactivated (idle, or the server stops); its timers are gone by then. */
    default void onDeactivate() {}
}
