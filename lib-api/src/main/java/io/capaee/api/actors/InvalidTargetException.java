// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import io.capaee.api.CapaException;

/** An event target ({@link EventTarget}) that does not parse: names the target and the part that is wrong. */
public class InvalidTargetException extends CapaException {
    private static final long serialVersionUID = 1L;

    private final String part;

    public InvalidTargetException(String target, String part, String problem) {
        super("'" + target + "' is not a target: " + part + " " + problem);
        this.part = part;
    }

    /** The part of the target that is wrong: {@code target}, {@code url}, {@code name}, {@code revision} or {@code actor}. */
    public String part() {
        return part;
    }
}
