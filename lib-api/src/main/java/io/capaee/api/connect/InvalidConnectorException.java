// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import io.capaee.api.InvalidValueException;

/** A connector document that cannot run; {@link #field()} is the dotted path of the offending field, e.g. {@code inlet.source.config.subject}. */
public class InvalidConnectorException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    public InvalidConnectorException(String field, String problem) {
        super(field, problem);
    }
}
