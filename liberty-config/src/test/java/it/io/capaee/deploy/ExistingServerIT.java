// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Capa EE added to a Liberty server that is not the project's own (docs/deploying.md, "An existing
 * server"): a fresh server of the shared runtime, with a server.xml of its own that includes the
 * fragment capa-ee.xml this build ships, and the EAR of this build under another file name in apps/.
 * A function, an actor call and a state round trip answer, and the resource adapter's activation specs
 * (whose ids carry the application's name, not the file's) are bound.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
class ExistingServerIT {
    private static final String EAR_FILE = "capa-ee-renamed.ear";
    private static FreshServer server;

    @BeforeAll
    static void startServer() throws Exception {
        // + 10: the second servers of the other tests, which may run meanwhile, take + 1 to + 9
        int http = Integer.parseInt(System.getProperty("http.port", "9089")) + 10;
        Path ear = Path.of(System.getProperty("arq.capa-ear"));
        server = FreshServer.create("capa-existing", dir -> {
            Files.copy(Server.dir().resolve("capa-ee.xml"), dir.resolve("capa-ee.xml"));
            Files.createDirectories(dir.resolve("apps"));
            Files.copy(ear, dir.resolve("apps").resolve(EAR_FILE));
            Files.createDirectories(dir.resolve("functions"));
            Files.write(dir.resolve("functions/hello.wasm"), Server.guest("hello-http"));
            Files.writeString(dir.resolve("server.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <server description="a server of someone else's, with Capa EE added">
                      <include location="capa-ee.xml"/>
                      <variable name="capa.ear.location" value="%s"/>
                      <variable name="http.port" value="%d"/>
                      <variable name="https.port" value="%d"/>
                      <variable name="capa.actors.classes" value="io.capaee.actors.examples.CounterActor"/>
                      <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="${https.port}"
                          protocolVersion="http/1.1"/>
                    </server>
                    """.formatted(EAR_FILE, http, http + 360));
        }, "http://localhost:" + http);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theApplicationIsNamedByTheFragmentNotByTheEarsFileAndItsActivationSpecsAreBound() throws Exception {
        List<String> log = Files.readAllLines(server.dir().resolve("logs/messages.log"));
        assertTrue(log.stream().anyMatch(l -> l.contains("CWWKZ0001I") && l.contains("capa-ee")),
                "application capa-ee started from apps/" + EAR_FILE + "; see " + server.dir().resolve("logs"));
        assertTrue(log.stream().anyMatch(l -> l.contains("J2CA7001I") && l.contains("capa-ee.jca-bindings")),
                "resource adapter capa-ee.jca-bindings installed");
        assertTrue(log.stream().anyMatch(l -> l.contains("J2CA8801I") && l.contains("capa-ee/ejb-bindings/CronInputBinding")),
                "the activation spec capa-ee/ejb-bindings/CronInputBinding of the fragment is bound to its bean");
    }

    @Test
    void aFunctionFromTheServersFunctionsDirectoryAnswers() throws Exception {
        HttpResponse<String> r = Server.await("/wasm/functions/hello",
                () -> server.send(server.request("/wasm/functions/hello").POST(HttpRequest.BodyPublishers.ofString("Bob"))),
                resp -> resp.statusCode() == 200, Duration.ofSeconds(30));
        assertEquals("Hello Bob", r.body().strip(), "POST " + server.base() + "/wasm/functions/hello");
    }

    @Test
    void anActorCallKeepsTheActorsState() throws Exception {
        String actor = "/v1.0/actors/counter/existing-server/method/";
        HttpResponse<String> added = server.send(server.request(actor + "add").POST(HttpRequest.BodyPublishers.ofString("5")));
        assertEquals(200, added.statusCode(), "POST " + actor + "add: " + added.body());
        assertEquals("5", added.body());
        assertEquals("7", server.send(server.request(actor + "add").POST(HttpRequest.BodyPublishers.ofString("2"))).body());
        assertEquals("7", server.send(server.request(actor + "get")).body(), "GET " + actor + "get");
    }

    @Test
    void stateSavedIsStateRead() throws Exception {
        HttpResponse<String> saved = server.send(server.request("/v1.0/state/statestore")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"key\":\"greeting\",\"value\":{\"text\":\"hello\"}}]")));
        assertEquals(204, saved.statusCode(), "POST /v1.0/state/statestore: " + saved.body());
        HttpResponse<String> read = server.send(server.request("/v1.0/state/statestore/greeting"));
        assertEquals(200, read.statusCode(), "GET /v1.0/state/statestore/greeting");
        assertEquals("{\"text\":\"hello\"}", read.body());
    }
}
