// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.lock;

/** The lock store holds as many leases as it is configured to; the lock was not taken. */
public class LockStoreFullException extends LockException {
    private static final long serialVersionUID = 1L;

    public LockStoreFullException(String message) {
        super(message);
    }
}
