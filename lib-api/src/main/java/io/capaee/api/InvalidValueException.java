// SPDX-License-Identifier: Apache-2.0
package io.capaee.api;

import jakarta.ejb.ApplicationException;

/**
 * A value that cannot work (a connector document, a retry policy), naming the field that is wrong,
 * so that each caller can name it as its users write it (a property, a setting, a document path).
 * An EJB's caller gets it as it was thrown, not wrapped in an {@code EJBException}.
 */
@ApplicationException(inherited = true)
public class InvalidValueException extends CapaException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidValueException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The offending field. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without its name. */
    public String problem() {
        return problem;
    }
}
