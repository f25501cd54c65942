// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ErrorInfo;
import io.capaee.proxy.dapr.DaprException;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

/** The HTTP API's refusals as gRPC statuses, and the gRPC settings' checks. */
class GrpcStatusesTest {
    @Test
    void eachRefusalGetsTheCodeDaprClientsExpect() {
        assertEquals(Status.Code.INVALID_ARGUMENT, GrpcStatuses.code(400, "ERR_MALFORMED_REQUEST"));
        assertEquals(Status.Code.NOT_FOUND, GrpcStatuses.code(400, "ERR_STATE_STORE_NOT_FOUND"));
        assertEquals(Status.Code.NOT_FOUND, GrpcStatuses.code(401, "ERR_SECRET_STORE_NOT_FOUND"));
        assertEquals(Status.Code.NOT_FOUND, GrpcStatuses.code(404, "ERR_INVOKE_OUTPUT_BINDING"));
        assertEquals(Status.Code.ABORTED, GrpcStatuses.code(409, "ERR_STATE_SAVE"));
        assertEquals(Status.Code.PERMISSION_DENIED, GrpcStatuses.code(403, "ERR_INVOKE_OUTPUT_BINDING"));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, GrpcStatuses.code(507, "ERR_STATE_STORE_FULL"));
        assertEquals(Status.Code.UNAVAILABLE, GrpcStatuses.code(503, "ERR_INVOKE_OUTPUT_BINDING"));
        assertEquals(Status.Code.INTERNAL, GrpcStatuses.code(500, "ERR_STATE_GET"));
    }

    @Test
    void theMessageStaysAndDaprsCodeTravelsAsErrorInfo() throws Exception {
        var e = GrpcStatuses.of(new DaprException(409, "ERR_STATE_SAVE", "possible etag mismatch: key k"));
        assertEquals("possible etag mismatch: key k", e.getStatus().getDescription());
        ErrorInfo info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
        assertEquals("ERR_STATE_SAVE", info.getReason());
        assertEquals("dapr.io", info.getDomain());
    }

    @Test
    void badSettingsAreRefusedNamingTheirKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GrpcSettings(true, "*", 0, 10)).getMessage()
                .contains("capa.grpc.port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GrpcSettings(true, " ", 50001, 10)).getMessage()
                .contains("capa.grpc.host"));
        assertEquals(Integer.MAX_VALUE, new GrpcSettings(true, "*", 50001, Long.MAX_VALUE).maxInboundMessageSize());
    }
}
