// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/** The remote side has no such service, interface or method. */
public class UnknownMethodException extends RpcCallException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ERR_RPC_UNKNOWN_METHOD";

    public UnknownMethodException(String message) {
        super(CODE, message, null);
    }
}
