// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capaee.api.security.Access;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.SecuritySettings;
import io.grpc.Metadata;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP API's access rules for a gRPC caller: its peer address and its metadata (no traffic is sent). */
class GrpcAccessTest {
    private static final AccessPolicy OPEN_LOOPBACK = new AccessPolicy(new SecuritySettings(List.of(), List.of(), true, Access.PUBLIC));
    private static final AccessPolicy TOKEN = new AccessPolicy(new SecuritySettings(List.of("admin-t"), List.of("app-t"), true, Access.PUBLIC));

    private static Status refusal(AccessPolicy policy, String address, String header, String value) {
        Metadata headers = new Metadata();
        if (header != null) {
            headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
        }
        return GrpcAccess.refusal(policy, GrpcAccess.caller(new InetSocketAddress(address, 40000), headers));
    }

    @Test
    void aLoopbackCallerWithoutATokenIsLetInOnlyWhileNoTokenIsConfigured() {
        assertNull(refusal(OPEN_LOOPBACK, "127.0.0.1", null, null));
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(TOKEN, "127.0.0.1", null, null).getCode());
    }

    @Test
    void aCallerOffLoopbackWithoutCredentialsIsUnauthenticatedAsOverHttp() {
        Status refused = refusal(OPEN_LOOPBACK, "192.0.2.10", null, null);
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getCode());
        assertEquals(true, refused.getDescription().contains("dapr-api-token"), refused.getDescription());
    }

    @Test
    void aLoopbackCallThatNamesAnotherClientGetsNoLoopbackTrust() {
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(OPEN_LOOPBACK, "127.0.0.1", "x-forwarded-for", "192.0.2.10").getCode());
    }

    @Test
    void theAppTokenInDaprApiTokenOrAsABearerLetsACallerInFromAnywhere() {
        assertNull(refusal(TOKEN, "192.0.2.10", "dapr-api-token", "app-t"));
        assertNull(refusal(TOKEN, "192.0.2.10", "authorization", "Bearer app-t"));
        assertNull(refusal(TOKEN, "192.0.2.10", "authorization", "Bearer admin-t"));
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(TOKEN, "192.0.2.10", "dapr-api-token", "wrong").getCode());
    }
}
