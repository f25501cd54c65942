// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/** A request or answer did not decode as its schema type (or was not msgpack at all). */
public class InvalidMessageException extends RpcCallException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ERR_RPC_INVALID_MESSAGE";

    public InvalidMessageException(String message) {
        super(CODE, message, null);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
