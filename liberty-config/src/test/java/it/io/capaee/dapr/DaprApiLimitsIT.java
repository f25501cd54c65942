// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Dapr APIs (state, publish) refuse a body over capa.dapr.max-body-bytes (4 MiB) with a problem, declared or streamed. */
class DaprApiLimitsIT {
    private static String bigJsonString() {
        char[] filler = new char[5 * 1024 * 1024];
        Arrays.fill(filler, 'x');
        return "[{\"key\":\"big\",\"value\":\"" + new String(filler) + "\"}]";
    }

    @Test
    void aBodyOverTheLimitIs413WithContentLength() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/v1.0/state/statestore")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bigJsonString())));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("ERR_BODY_TOO_LARGE"), r.body());
        assertEquals(204, Server.get("/v1.0/state/statestore/big").statusCode(), "nothing was saved (204: no such key)");
    }

    @Test
    void aStreamedBodyOverTheLimitIs413() throws Exception {
        byte[] body = bigJsonString().getBytes();
        HttpResponse<String> r = Server.send(Server.request("/v1.0/state/statestore").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("ERR_BODY_TOO_LARGE"), r.body());
    }

    @Test
    void aPublishOverTheLimitIs413DeclaredOrStreamed() throws Exception {
        byte[] body = bigJsonString().getBytes();
        HttpResponse<String> declared = Server.send(Server.request("/v1.0/publish/pubsub/limits").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(413, declared.statusCode(), declared.body());
        assertTrue(declared.body().contains("ERR_BODY_TOO_LARGE"), declared.body());
        HttpResponse<String> streamed = Server.send(Server.request("/v1.0/publish/pubsub/limits?metadata.rawPayload=true")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(413, streamed.statusCode(), streamed.body());
        assertTrue(streamed.body().contains("ERR_BODY_TOO_LARGE"), streamed.body());
    }

    @Test
    void aSmallBodyStillWorks() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/v1.0/state/statestore").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"key\":\"limits-small\",\"value\":\"v\"}]")));
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("\"v\"", Server.get("/v1.0/state/statestore/limits-small").body());
    }
}
