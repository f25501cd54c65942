// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;

/** Carries calls to a remote {@link RpcServer}: HTTP ({@link HttpRpcTransport}) or NATS ({@link NatsRpc}). */
public interface RpcTransport {
    /** Sends one call to a named service and waits for its results. */
    DynamicStruct call(String service, InterfaceSchema.MethodRef method, DynamicStruct params);

    /** A channel to one service, for {@code Foo.client(channel)}. */
    default RpcChannel channel(String service) {
        return (method, params) -> call(service, method, params);
    }
}
