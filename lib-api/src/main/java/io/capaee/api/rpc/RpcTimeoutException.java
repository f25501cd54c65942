// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/** No answer came within the call's timeout (or the remote implementation ran out of its time). */
public class RpcTimeoutException extends RpcCallException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ERR_RPC_TIMEOUT";

    public RpcTimeoutException(String message) {
        super(CODE, message, null);
    }

    public RpcTimeoutException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
