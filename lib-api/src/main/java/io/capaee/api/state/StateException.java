// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import io.capaee.api.CapaException;

/** A state store could not do what was asked: unreachable, closed handle, bad reply. */
public class StateException extends CapaException {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
