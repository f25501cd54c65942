// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

import io.capaee.api.rpc.RpcException;

/** A value cannot be written as its schema type. */
public class EncodeException extends RpcException {
    private static final long serialVersionUID = 1L;

    public EncodeException(String message) {
        super(message);
    }

    public EncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
