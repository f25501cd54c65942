// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import io.capaee.api.CapaException;

/** A connector document that cannot run; {@link #field()} is the dotted path of the offending field. */
public class InvalidConnectorException extends CapaException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConnectorException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The offending field, e.g. {@code inlet.source.config.subject}. */
    public String field() {
        return field;
    }
}
