// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.proxy.lock.Locks;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** Distributed locks over gRPC (Dapr's alpha API): try and unlock. */
final class LockCalls extends DaprCalls {
    private final Locks locks;

    LockCalls(Locks locks) {
        this.locks = locks;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getTryLockAlpha1Method(), DaprGrpc.getUnlockAlpha1Method());
    }

    @Override
    public void tryLockAlpha1(DaprProtos.TryLockRequest request, StreamObserver<DaprProtos.TryLockResponse> out) {
        answer(out, "TryLockAlpha1", () -> DaprProtos.TryLockResponse.newBuilder().setSuccess(locks.tryLock(
                request.getStoreName(), request.getResourceId(), request.getLockOwner(), request.getExpiryInSeconds())).build());
    }

    @Override
    public void unlockAlpha1(DaprProtos.UnlockRequest request, StreamObserver<DaprProtos.UnlockResponse> out) {
        answer(out, "UnlockAlpha1", () -> {
            var status = locks.unlock(request.getStoreName(), request.getResourceId(), request.getLockOwner());
            return DaprProtos.UnlockResponse.newBuilder().setStatusValue(status.code()).build();
        });
    }
}
