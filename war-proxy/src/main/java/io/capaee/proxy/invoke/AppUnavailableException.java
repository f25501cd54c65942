// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import io.capaee.api.CapaException;

/** The target app's server could not be connected to; nothing was sent, so retrying is safe. */
public class AppUnavailableException extends CapaException {
    private static final long serialVersionUID = 1L;

    public AppUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
