// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

import io.capaee.api.CapaException;

/** A configuration store could not do what was asked. */
public class ConfigurationException extends CapaException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
