// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.kv;

import io.capaee.api.CapaException;

/** A key/value store could not do what was asked: unreachable, closed handle, bad reply. */
public class KeyValueException extends CapaException {
    private static final long serialVersionUID = 1L;

    public KeyValueException(String message) {
        super(message);
    }

    public KeyValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
