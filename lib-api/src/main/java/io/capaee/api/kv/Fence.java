// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

/**
 * A condition on another key for a write: the write takes effect only while {@code key} holds
 * {@code value}. A lease's key and its holder's token make one: a server that lost its lease can no
 * longer write what the lease guards, even when it does not know yet that it lost it.
 *
 * @param key the key whose value is checked (a lease)
 * @param value the value it must hold (the lease holder's token)
 */
public record Fence(String key, String value) {
    public Fence {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a fence's key is empty");
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the fence on " + key + " has no value");
        }
    }
}
