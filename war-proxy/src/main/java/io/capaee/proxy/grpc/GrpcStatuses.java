// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.capaee.proxy.dapr.DaprException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * A refusal of the HTTP API ({@link DaprException}: an HTTP status and Dapr's error code) as the gRPC status a
 * Dapr client expects: the code from the HTTP status (as Dapr's own gRPC API answers the same refusal), the
 * message unchanged, and Dapr's error code in a {@code google.rpc.ErrorInfo} detail (reason = the code,
 * domain {@value #DOMAIN}), where Dapr SDKs look for it.
 */
public final class GrpcStatuses {
    static final String DOMAIN = "dapr.io";

    private GrpcStatuses() {}

    public static StatusRuntimeException of(DaprException e) {
        return of(e, code(e.status(), e.errorCode()));
    }

    /** With a code of its own, where Dapr answers a call with another code than the HTTP status suggests. */
    static StatusRuntimeException of(DaprException e, Status.Code code) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(e.getMessage())
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(e.errorCode()).setDomain(DOMAIN).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** A request that cannot be understood: INVALID_ARGUMENT with Dapr's code. */
    public static StatusRuntimeException invalid(String errorCode, String message) {
        return of(new DaprException(400, errorCode, message));
    }

    static Status.Code code(int httpStatus, String errorCode) {
        // an unknown component is NOT_FOUND whatever status the HTTP API gives it (400 state store, 401 secret store)
        if (errorCode != null && errorCode.endsWith("_NOT_FOUND")) {
            return Status.Code.NOT_FOUND;
        }
        return switch (httpStatus) {
            case 400, 422 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            // Dapr answers an ETag mismatch with ABORTED: the client may read again and retry
            case 409 -> Status.Code.ABORTED;
            case 413, 429, 507 -> Status.Code.RESOURCE_EXHAUSTED;
            case 501 -> Status.Code.UNIMPLEMENTED;
            case 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> httpStatus >= 400 && httpStatus < 500 ? Status.Code.FAILED_PRECONDITION : Status.Code.INTERNAL;
        };
    }
}
