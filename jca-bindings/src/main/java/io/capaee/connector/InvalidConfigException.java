// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

/** A config property of the resource adapter has a value that cannot work; names the property. */
public class InvalidConfigException extends BindingException {
    private static final long serialVersionUID = 1L;

    private final String property;

    public InvalidConfigException(String property, String problem) {
        super("invalid config property '" + property + "': " + problem);
        this.property = property;
    }

    /** The name of the offending config property, as written in server.xml. */
    public String property() {
        return property;
    }
}
