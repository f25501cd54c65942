// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import io.capaee.api.CapaException;

/** A connector operation that failed: unknown connector, id taken, runtime not running. */
public class ConnectorException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** Why, so that an HTTP API can pick its status. */
    public enum Reason {
        NOT_FOUND, CONFLICT, UNAVAILABLE
    }

    private final Reason reason;

    public ConnectorException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
