// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/** An ETag that this store never hands out (ours are decimal version numbers). */
public class InvalidEtagException extends InvalidStateRequestException {
    private static final long serialVersionUID = 1L;

    public InvalidEtagException(String message) {
        super(message);
    }

    public InvalidEtagException(String message, Throwable cause) {
        super(message, cause);
    }
}
