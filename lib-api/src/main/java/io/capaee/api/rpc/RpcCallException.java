// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/**
 * A call did not return results. The subclasses say why: {@link RemoteException} (the
 * implementation threw), {@link RpcTimeoutException}, {@link UnknownMethodException},
 * {@link InvalidMessageException} (one side could not decode the other's bytes) and
 * {@link TransportException} (the peer could not be reached).
 */
public abstract class RpcCallException extends RpcException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /** @param errorCode the subclass's stable wire code */
    protected RpcCallException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The stable code of this failure on the wire, e.g. {@code ERR_RPC_REMOTE}. */
    public final String errorCode() {
        return errorCode;
    }

    /** Rebuilds a failure received from a peer. */
    public static RpcCallException fromWire(String errorCode, String remoteType, String message) {
        return switch (errorCode) {
            case RemoteException.CODE -> new RemoteException(remoteType, message);
            case RpcTimeoutException.CODE -> new RpcTimeoutException(message);
            case UnknownMethodException.CODE -> new UnknownMethodException(message);
            case InvalidMessageException.CODE -> new InvalidMessageException(message);
            default -> new TransportException(errorCode + ": " + message);
        };
    }
}
