// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import jakarta.ws.rs.ClientErrorException;

/** 413: the request body exceeds {@code capa.functions.max-body-bytes}. */
public class PayloadTooLargeException extends ClientErrorException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message, 413);
    }
}
