// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/** A transaction operation other than {@code upsert} or {@code delete}. */
public class UnsupportedStateOperationException extends InvalidStateRequestException {
    private static final long serialVersionUID = 1L;

    public UnsupportedStateOperationException(String operation) {
        super("operation '" + operation + "' is not supported: use upsert or delete");
    }
}
