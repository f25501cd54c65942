// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.lock;

import io.capaee.api.CapaException;

/** A lock store could not do what was asked, or the request was invalid (empty id or owner, expiry under 1 s). */
public class LockException extends CapaException {
    private static final long serialVersionUID = 1L;

    public LockException(String message) {
        super(message);
    }

    public LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
