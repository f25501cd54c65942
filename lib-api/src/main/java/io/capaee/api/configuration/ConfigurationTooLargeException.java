// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

/**
 * An answer would hold more items than the store's configured bound: the caller names fewer keys
 * (or the operator raises the bound). Nothing partial is returned.
 */
public class ConfigurationTooLargeException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    public ConfigurationTooLargeException(String message) {
        super(message);
    }
}
