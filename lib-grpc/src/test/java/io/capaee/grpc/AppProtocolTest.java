// SPDX-License-Identifier: Apache-2.0
package io.capaee.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AppProtocolTest {
    @Test
    void blankIsHttpAndCaseAndBlanksDoNotMatter() {
        assertEquals(AppProtocol.HTTP, AppProtocol.of(null));
        assertEquals(AppProtocol.HTTP, AppProtocol.of(" "));
        assertEquals(AppProtocol.HTTP, AppProtocol.of("HTTP"));
        assertEquals(AppProtocol.GRPC, AppProtocol.of(" gRPC "));
    }

    @Test
    void anythingElseIsRefusedNamingTheSettingAndWhatItMayBe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppProtocol.of("grpcs"));
        assertEquals("capa.app.protocol is 'grpcs': http or grpc", e.getMessage());
    }

    @Test
    void aGrpcAppUrlIsKnownByItsSchemeAndNeedsAHostAndAPort() {
        assertTrue(AppCallbackChannels.isGrpc(URI.create("grpc://127.0.0.1:50051")));
        assertTrue(AppCallbackChannels.isGrpc(URI.create("GRPCS://app:443/x")));
        assertFalse(AppCallbackChannels.isGrpc(URI.create("http://127.0.0.1:50051")));
        try (AppCallbackChannels channels = new AppCallbackChannels()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> channels.stub(URI.create("grpc://app/x")));
            assertTrue(e.getMessage().contains("grpc://app/x"), e.getMessage());
        }
    }
}
