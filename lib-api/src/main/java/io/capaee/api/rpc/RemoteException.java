// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/** The remote implementation threw; {@link #remoteType()} names the exception's class on the remote side. */
public class RemoteException extends RpcCallException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ERR_RPC_REMOTE";
    private final String remoteType;

    public RemoteException(String remoteType, String message) {
        super(CODE, remoteType + ": " + message, null);
        this.remoteType = remoteType;
    }

    public String remoteType() {
        return remoteType;
    }

    /** The remote exception's own message, without its type. */
    public String remoteMessage() {
        return getMessage().substring(remoteType.length() + 2);
    }
}
