// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

/**
 * Hands out connections to a key/value store (in memory by default, Redis by configuration).
 * The resource adapter in {@code jca-bindings} binds one under {@code eis/capa/keyvalue}.
 */
public interface KeyValueConnectionFactory {
    /** A connection to use for a short unit of work and then close; never null. */
    KeyValueConnection getConnection();
}
