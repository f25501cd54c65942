// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;

/**
 * The client side of one remote object (a service, or a capability received in a call):
 * sends a call and waits for its results. Generated interfaces make a typed proxy with
 * {@code Foo.client(channel)}. Failures are {@link RpcCallException}s.
 */
@FunctionalInterface
public interface RpcChannel {
    DynamicStruct call(InterfaceSchema.MethodRef method, DynamicStruct params);

    /** A channel that calls a local handler directly (no encoding), e.g. for a capability that never left this JVM. */
    static RpcChannel local(RpcHandler handler) {
        return (method, params) -> {
            try {
                return handler.call(method, params);
            } catch (RpcCallException e) {
                throw e;
            } catch (Exception e) {
                throw new RemoteException(e.getClass().getName(), String.valueOf(e.getMessage()));
            }
        };
    }
}
