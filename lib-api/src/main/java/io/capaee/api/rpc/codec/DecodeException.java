// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

import io.capaee.api.rpc.RpcException;

/** Bytes do not decode as the expected schema type; the message names the field path. */
public class DecodeException extends RpcException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
