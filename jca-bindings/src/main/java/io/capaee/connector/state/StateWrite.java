// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import java.util.Objects;

/**
 * One checked write on a stored (namespaced) key: {@code value} null means delete. {@code check}
 * says what must hold first; {@code ttlSeconds} 0 means no expiry, and so does a TTL above
 * {@link #MAX_TTL_SECONDS} (about 146 years), which neither backend could represent: the memory
 * backend's nanosecond deadline would overflow, Redis refuses it part-way through a script.
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

    /** The longest TTL kept as a TTL; {@code Long.MAX_VALUE / 2} nanoseconds, so deadlines compare safely. */
    public static final long MAX_TTL_SECONDS = Long.MAX_VALUE / 2 / 1_000_000_000L;

    public StateWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(check, "check");
        if (ttlSeconds > MAX_TTL_SECONDS) {
            ttlSeconds = 0;
        }
    }

    public boolean delete() {
        return value == null;
    }
}
