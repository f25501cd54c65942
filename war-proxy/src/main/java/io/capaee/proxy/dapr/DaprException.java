// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.CapaException;

/**
 * A refused or failed call on one of Dapr's {@code /v1.0/...} APIs, carrying Dapr's
 * {@code errorCode} (runtime-api spec 3.1) so that Dapr clients, which parse that field, keep
 * working; the body is still a problem detail.
 */
public class DaprException extends CapaException {
    private final int status;
    private final String errorCode;

    public DaprException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public DaprException(int status, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    /** Dapr's code, e.g. {@code ERR_STATE_STORE_NOT_FOUND}. */
    public String errorCode() {
        return errorCode;
    }
}
