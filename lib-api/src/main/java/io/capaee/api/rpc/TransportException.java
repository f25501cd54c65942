// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/** The peer could not be reached, or answered with something that is not an RPC answer. */
public class TransportException extends RpcCallException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ERR_RPC_TRANSPORT";

    public TransportException(String message) {
        super(CODE, message, null);
    }

    public TransportException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
