// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import io.capaee.api.CapaException;

/**
 * Root of the exceptions of the resource adapter module; unchecked. The JCA SPI edge turns it
 * into a {@code ResourceException}, the application-facing handles into the API's exceptions.
 */
public class BindingException extends CapaException {
    private static final long serialVersionUID = 1L;

    public BindingException(String message) {
        super(message);
    }

    public BindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
