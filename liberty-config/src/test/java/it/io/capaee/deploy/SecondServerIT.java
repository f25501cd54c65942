// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A second server never takes another process's answers for its own: a server left running on its port by an
 * earlier run (its JVM outlives a killed build, and every checkout uses the same ports) answered the start's
 * health probe and then every request with its own, older gateway, whose 404 {@code PAGE_NOT_FOUND} for an
 * endpoint it did not have yet looked like a defect of the new server.
 */
class SecondServerIT {
    private static final int OFFSET = 19;

    @Test
    void aSecondServerRefusesToStartOnAPortThatAnotherServerAnswers() throws Exception {
        int port = Integer.parseInt(System.getProperty("http.port", "9089")) + OFFSET;
        // what a stale server's gateway answers: healthy, and Capsule's 404 for a path it does not know
        HttpServer stale = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        stale.createContext("/", exchange -> {
            boolean health = exchange.getRequestURI().getPath().equals("/v1.0/healthz");
            byte[] body = health ? new byte[0] : "{\"code\":\"PAGE_NOT_FOUND\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(health ? 204 : 404, health ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stale.start();
        try {
            AssertionError refused = assertThrows(AssertionError.class, () -> {
                try (SecondServer s = SecondServer.start("capa-port-taken", OFFSET, Map.of())) {
                    // not reached with the check: without it, the start "succeeds" and this is the stale server's answer
                    throw new IllegalStateException("started over the stale server, which answers "
                            + Server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base + "/v1.0-alpha1/actors/counter/active")))
                                    .body());
                }
            });
            assertTrue(refused.getMessage().contains("port " + port) && refused.getMessage().contains("taken"), refused.getMessage());
        } finally {
            stale.stop(0);
        }
    }
}
