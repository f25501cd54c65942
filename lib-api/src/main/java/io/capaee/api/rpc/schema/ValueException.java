// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import io.capaee.api.rpc.RpcException;

/** A value does not fit its schema type: unknown field, wrong Java type, integer out of range. */
public class ValueException extends RpcException {
    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message);
    }
}
