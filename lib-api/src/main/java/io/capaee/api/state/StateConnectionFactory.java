// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/**
 * A named state store, bound in JNDI as {@code eis/capa/state/NAME} by the resource adapter.
 * Thread-safe; inject it once ({@code @Resource(lookup = "eis/capa/state/statestore")}).
 */
public interface StateConnectionFactory {
    /** A handle on the store; close it after the unit of work (try-with-resources). */
    StateConnection getConnection();

    /** What the store runs on, e.g. {@code memory} or {@code redis 127.0.0.1:6379/0}; never a secret. */
    String describe();

    /** Whether its handles can list the store's entries ({@link StateConnection#scan}), and so answer a query. */
    default boolean scans() {
        return false;
    }
}
