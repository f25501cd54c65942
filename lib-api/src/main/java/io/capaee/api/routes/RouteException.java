// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import io.capaee.api.CapaException;

/** A route change was refused (Capsule's error codes) or the route store failed. */
public class RouteException extends CapaException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        FUNCTION_EXISTS("ERROR_FUNCTION_ALREADY_EXISTS"),
        FUNCTION_NOT_FOUND("ERROR_FUNCTION_NOT_FOUND"),
        REVISION_EXISTS("ERROR_REVISION_ALREADY_EXISTS"),
        REVISION_NOT_FOUND("ERROR_REVISION_NOT_FOUND"),
        STORE("ERROR_ROUTE_STORE");

        private final String capsuleCode;

        Reason(String capsuleCode) {
            this.capsuleCode = capsuleCode;
        }

        /** The {@code code} Capsule's registration API answers with. */
        public String capsuleCode() {
            return capsuleCode;
        }
    }

    private final Reason reason;

    public RouteException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RouteException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
