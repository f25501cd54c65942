// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/** A state request no store could accept: a key with {@code ||}, an unknown option, a bad TTL. */
public class InvalidStateRequestException extends StateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateRequestException(String message) {
        super(message);
    }

    public InvalidStateRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
