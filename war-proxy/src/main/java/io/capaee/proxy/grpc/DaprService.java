// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.dapr.v1.DaprGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dapr's {@code dapr.proto.runtime.v1.Dapr} service, put together from one {@link DaprCalls} per building block:
 * each method is answered by the part that names it; every other method answers UNIMPLEMENTED at once, naming
 * itself (grpc-java's answer for a method the generated base class does not override).
 */
final class DaprService {
    private DaprService() {}

    static ServerServiceDefinition of(List<? extends DaprCalls> parts) {
        Map<String, ServerMethodDefinition<?, ?>> answered = new HashMap<>();
        for (DaprCalls part : parts) {
            ServerServiceDefinition bound = part.bindService();
            for (MethodDescriptor<?, ?> method : part.methods()) {
                String name = method.getFullMethodName();
                if (answered.put(name, bound.getMethod(name)) != null) {
                    throw new IllegalArgumentException("two parts answer " + name);
                }
            }
        }
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(DaprGrpc.getServiceDescriptor());
        for (ServerMethodDefinition<?, ?> unimplemented : new DaprGrpc.DaprImplBase() {}.bindService().getMethods()) {
            add(service, answered.getOrDefault(unimplemented.getMethodDescriptor().getFullMethodName(), unimplemented));
        }
        return service.build();
    }

    private static <Q, R> void add(ServerServiceDefinition.Builder service, ServerMethodDefinition<Q, R> method) {
        service.addMethod(method);
    }
}
