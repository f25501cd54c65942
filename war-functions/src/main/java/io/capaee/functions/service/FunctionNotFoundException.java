// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

/** No function (or no such revision of it) is deployed. */
public class FunctionNotFoundException extends FunctionsException {
    private static final long serialVersionUID = 1L;

    public FunctionNotFoundException(String message) {
        super(message);
    }
}
