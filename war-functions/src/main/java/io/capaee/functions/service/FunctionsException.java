// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import io.capaee.api.CapaException;

/** A failure of the functions module itself: bad configuration, unreadable module file. */
public class FunctionsException extends CapaException {
    private static final long serialVersionUID = 1L;

    public FunctionsException(String message) {
        super(message);
    }

    public FunctionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
