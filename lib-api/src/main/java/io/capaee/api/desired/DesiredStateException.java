// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import io.capaee.api.CapaException;

/** The desired state could not be read or written (a file system or key/value store failure). */
public class DesiredStateException extends CapaException {
    private static final long serialVersionUID = 1L;

    public DesiredStateException(String message) {
        super(message);
    }

    public DesiredStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
