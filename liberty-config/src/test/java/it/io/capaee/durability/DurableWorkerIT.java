// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.DeployStream;
import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.WorkerCalls;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Worker deployments survive a crash (issue 22), on the embedded default: a second server
 * {@code capa-dw-file} with the desired state in files under its directory and routes in memory
 * (its ports + 4), killed with SIGKILL and started again.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class DurableWorkerIT {
    static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    static final String ORG = "capa-dw";
    static SecondServer server;
    static WorkerCalls api;

    @BeforeAll
    static void startServer() throws Exception {
        server = SecondServer.start("capa-dw-file", 4, Map.of("capa.kv.backend", "memory", "capa.desired-state.store", "file",
                "capa.desired-state.interval", "PT2S"));
        api = new WorkerCalls(server.base);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String upload(String name) throws Exception {
        assertEquals(200, RegistryUploads.upload(server.base, ORG, name, "1.0.0", Server.guest("hello-http"), "durable").statusCode());
        return ORG + "/" + name + "/1.0.0";
    }

    @Test
    void everyDeploymentAnsweredBeforeAKillIsBackAfterTheRestartAndNoneIsHalfDeployed() throws Exception {
        DeployStream stream = new DeployStream(api, upload("stream-" + SUFFIX), "k" + SUFFIX + "-", 30);

        stream.runAndKill(server, 18);
        long restartedAt = System.nanoTime();
        Duration ready = server.startAgain();

        System.out.println("DURABLE worker kill -9, file store: " + stream.verifyBack(ready, restartedAt));
    }

    @Test
    void aModuleDeletedWhileTheServerIsDownIsReportedNotStartedAndDeployedOnceItIsBack() throws Exception {
        String module = upload("gone-" + SUFFIX);
        String f = "gone-" + SUFFIX;
        assertEquals(202, api.deploy(f, "v1", module).statusCode());
        assertEquals(202, api.setDefault(f, "v1").statusCode());
        server.kill();
        Path tag = server.dir().resolve("registry").resolve(module);
        deleteTree(tag);

        server.startAgain();

        JsonObject revision = api.list().getJsonObject(f).getJsonObject("v1");
        assertEquals("module " + module + " is not in the registry", revision.getString("failure"), revision.toString());
        assertEquals(0, revision.getJsonObject("wasmModules").size());
        JsonObject check = api.readiness("wasm-worker");
        assertEquals("UP", check.getString("status"), "one broken entry must not take the server out of service: " + check);
        assertEquals("module " + module + " is not in the registry", check.getJsonObject("data").getString("worker " + f + "/v1"), check.toString());
        assertEquals("the worker has no deployment of " + f + "/v1", check.getJsonObject("data").getString("worker-default " + f), check.toString());
        assertEquals(404, api.call("/wasm/functions/" + f + "/v1", "Bob").statusCode());
        assertTrue(DeployStream.isNoRoute(api.call("/functions/" + f + "/v1", "Bob")), "no route to a revision that does not run");
        assertTrue(DeployStream.isNoRoute(api.call("/functions/" + f, "Bob")), "no default route to it");
        String log = Files.readString(server.dir().resolve("logs/messages.log"));
        assertTrue(log.contains("worker " + f + "/v1 of the desired state") && log.contains("is not in the registry"), "the log names it");

        upload("gone-" + SUFFIX); // the same bytes again: the stored digest matches
        HttpResponse<String> back = Server.await("/functions/" + f, () -> api.call("/functions/" + f, "Ada"), r -> r.statusCode() == 200,
                Duration.ofSeconds(30));
        assertEquals("Hello Ada", back.body());
        assertFalse(api.list().getJsonObject(f).getJsonObject("v1").containsKey("failure"));
        assertEquals(0, api.readiness("wasm-worker").getJsonObject("data").getInt("failures"));
    }

    @Test
    void aDeployTheStoreCannotKeepIsRefusedWith503NamingItAndLeavesNothingRunning() throws Exception {
        String module = upload("refused-" + SUFFIX);
        String f = "refused-" + SUFFIX;
        Path desired = server.dir().resolve("desired-state");
        // a directory where the document should go: the atomic rename onto it fails, even for root
        Path blocker = desired.resolve("worker").resolve(f + "~v1.json");
        Files.createDirectories(blocker.resolve("occupied"));
        try {
            HttpResponse<String> refused = api.deploy(f, "v1", module);

            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(refused.body().contains("the worker's desired state (" + desired + ") could not store " + f + "/v1"), refused.body());
            assertEquals(404, api.call("/wasm/functions/" + f + "/v1", "Bob").statusCode());
            assertTrue(DeployStream.isNoRoute(api.call("/functions/" + f + "/v1", "Bob")), "the route was taken back");
            assertFalse(api.list().containsKey(f));
        } finally {
            deleteTree(blocker);
        }
        assertEquals(202, api.deploy(f, "v1", module).statusCode());
        assertEquals("Hello Bob", api.call("/functions/" + f + "/v1", "Bob").body());
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
