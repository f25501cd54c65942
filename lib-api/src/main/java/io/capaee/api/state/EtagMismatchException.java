// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/** A write or delete whose ETag (or first-write condition) no longer holds; nothing was written. */
public class EtagMismatchException extends StateException {
    private static final long serialVersionUID = 1L;

    public EtagMismatchException(String message) {
        super(message);
    }

    public EtagMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
