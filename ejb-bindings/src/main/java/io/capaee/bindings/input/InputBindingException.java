// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.CapaException;
import jakarta.ejb.ApplicationException;

/**
 * An input-binding event could not be delivered; the resource adapter retries, then dead-letters.
 * An application exception, so the container hands it to the adapter as it is, keeps the bean
 * instance, and does not log it as an unexpected EJB failure: a refusing application is expected.
 */
@ApplicationException
public class InputBindingException extends CapaException {
    private static final long serialVersionUID = 1L;

    public InputBindingException(String message) {
        super(message);
    }

    public InputBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
