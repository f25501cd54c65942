// SPDX-License-Identifier: Apache-2.0
package io.capaee.api;

/** Root of every exception that Capa EE's shared library throws; unchecked by design. */
public class CapaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CapaException(String message) {
        super(message);
    }

    public CapaException(String message, Throwable cause) {
        super(message, cause);
    }
}
