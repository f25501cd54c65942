// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.lock;

/** A named lock store, bound in JNDI as {@code eis/capa/lock/NAME}. Thread-safe. */
public interface LockConnectionFactory {
    /** A handle on the store; close it after the unit of work. */
    LockConnection getConnection();

    /** What the store runs on, e.g. {@code memory} or {@code redis 127.0.0.1:6379/0}; never a secret. */
    String describe();
}
