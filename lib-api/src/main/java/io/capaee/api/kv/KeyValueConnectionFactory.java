// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

/**
 * Hands out connections to a key/value store (in memory by default, Redis by configuration).
 * The resource adapter in {@code jca-bindings} binds one under {@code eis/capa/keyvalue}.
 */
public interface KeyValueConnectionFactory {
    /** A connection to use for a short unit of work and then close; never null. */
    KeyValueConnection getConnection();

    /**
     * A number that changes whenever a connection of this factory in this JVM changes {@code key}
     * (it may also change for other keys), read without a connection; {@link #NOT_TRACKED} when
     * this factory does not count. Writes by other processes (another server on the same Redis)
     * are not seen: it tells a cached copy that nothing <em>here</em> changed it, nothing more.
     */
    default long writeStamp(String key) {
        return NOT_TRACKED;
    }

    /** {@link #writeStamp} of a factory that does not count writes. */
    long NOT_TRACKED = Long.MIN_VALUE;
}
