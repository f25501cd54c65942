// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.CapaException;

/** A request the proxy's API refuses, with the status to answer (a problem detail). */
public class ProxyException extends CapaException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ProxyException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ProxyException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
