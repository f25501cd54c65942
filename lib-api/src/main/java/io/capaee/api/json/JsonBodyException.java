// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.json;

import io.capaee.api.CapaException;

/** A request body that is not the JSON asked for; the message names the field. Always a client error (400). */
public class JsonBodyException extends CapaException {
    private static final long serialVersionUID = 1L;

    public JsonBodyException(String message) {
        super(message);
    }

    public JsonBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
