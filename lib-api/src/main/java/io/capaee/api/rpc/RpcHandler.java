// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;

/**
 * The server side of an interface without generated code: answers a method call with its
 * results struct. Generated interfaces make one with {@code Foo.handler(impl)}. An exception
 * thrown here reaches the caller as a {@link RemoteException} carrying its type and message.
 */
@FunctionalInterface
public interface RpcHandler {
    DynamicStruct call(InterfaceSchema.MethodRef method, DynamicStruct params) throws Exception;
}
