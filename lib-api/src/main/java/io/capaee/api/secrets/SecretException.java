// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import io.capaee.api.CapaException;

/** A secret store could not be read, or is misconfigured; the message never holds a secret value. */
public class SecretException extends CapaException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }
}
