// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import java.util.Objects;

/**
 * One checked write on a stored (namespaced) key: {@code value} null means delete. {@code check}
 * says what must hold first; {@code ttlSeconds} 0 means no expiry.
 */
public record StateWrite(String key, String value, Check check, long expectedVersion, long ttlSeconds) {
    /** The condition a write needs. */
    public enum Check {
        NONE,
        /** the entry exists with version {@code expectedVersion} */
        VERSION,
        /** the entry does not exist (first-write without an ETag) */
        ABSENT
    }

    public StateWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(check, "check");
    }

    public boolean delete() {
        return value == null;
    }
}
