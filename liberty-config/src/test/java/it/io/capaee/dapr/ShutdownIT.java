// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.SecondServer;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.Server;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Dapr's shutdown where an operator allows it ({@code capa.dapr.shutdown.enabled=true}), on a second server of its
 * own: the call answers 204, then the server stops in order (the application stopped, then the server), as
 * {@code server stop} stops it. The refusal by default is in {@link MetadataIT}.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class ShutdownIT {
    @Test
    void allowedTheCallAnswersAndThenTheServerStopsInOrder() throws Exception {
        try (SecondServer server = SecondServer.start("capa-shutdown", 11, Map.of("capa.dapr.shutdown.enabled", "true"))) {
            Path pidFile = server.dir().getParent().resolve(".pid").resolve("capa-shutdown.pid");
            ProcessHandle process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();

            HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0/shutdown")).POST(BodyPublishers.noBody()));
            assertEquals(204, r.statusCode(), r.body());

            process.onExit().get(90, TimeUnit.SECONDS);
            String log = Files.readString(server.dir().resolve("logs/messages.log"));
            assertTrue(log.contains("Dapr shutdown called"), "the reason is logged");
            assertTrue(log.contains("CWWKE0084I"), "Liberty takes the exit for a stop request (CWWKE0084I)");
            assertTrue(log.contains("CWWKZ0009I"), "the application was stopped (CWWKZ0009I)");
            assertTrue(log.contains("CWWKE0036I"), "the server stopped in order (CWWKE0036I)");
        }
    }
}
