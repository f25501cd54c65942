// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.CapaException;

/** Root of the schema-first RPC layer's exceptions: schemas, values, the codec and calls. */
public class RpcException extends CapaException {
    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
