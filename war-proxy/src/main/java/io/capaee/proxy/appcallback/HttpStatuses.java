// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.appcallback;

import io.grpc.Status;

/** The HTTP status that answers for a gRPC app's error status, as Dapr maps them for an HTTP caller. */
public final class HttpStatuses {
    private HttpStatuses() {}

    public static int of(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> 499;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }
}
