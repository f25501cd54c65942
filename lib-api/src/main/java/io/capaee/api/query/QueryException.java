// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.query;

import io.capaee.api.CapaException;

/** A query could not be run: database unreachable, statement rejected, handle closed. */
public class QueryException extends CapaException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
