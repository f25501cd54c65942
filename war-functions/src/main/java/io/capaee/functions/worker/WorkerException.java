// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.functions.service.FunctionsException;

/** A worker request that cannot be done as asked; carries the HTTP status to answer. */
public class WorkerException extends FunctionsException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public WorkerException(int status, String message) {
        super(message);
        this.status = status;
    }

    public WorkerException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
