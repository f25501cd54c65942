// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.DeployStream;
import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import it.io.capaee.support.WorkerCalls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Worker deployments with the shared store (issue 22): a second server {@code capa-dw-redis} (its
 * ports + 5) sharing the test server's Redis desired state, route table and registry directory.
 * A deployment made on one server runs on both; one removed on one is removed from both; the
 * second server, killed in the middle of a stream of deploys, comes back with every acknowledged one.
 */
@ResourceLock(value = SharedResources.PROXY_ROUTES, mode = ResourceAccessMode.READ)
@ResourceLock(SharedResources.EXTRA_SERVER_A)
@ResourceLock(SharedResources.DESIRED_STATE)
class DurableWorkerRedisIT {
    static final String SUFFIX = Long.toString(System.nanoTime(), 36);
    static SecondServer second;
    static WorkerCalls api;
    static WorkerCalls first = new WorkerCalls(Server.base());

    @BeforeAll
    static void startSecondServer() throws Exception {
        second = SecondServer.start("capa-dw-redis", 5, Map.of("capa.kv.backend", "redis",
                "capa.desired-state.key-prefix", "capa:desired:" + Server.appId() + ":",
                "capa.desired-state.interval", "PT2S",
                "capa.registry.directory", Server.dir().resolve("registry").toString()));
        api = new WorkerCalls(second.base);
        assertEquals(200, RegistryUploads.upload("capa-dwr", "hello-" + SUFFIX, "1.0.0", Server.guest("hello-http"), "shared").statusCode());
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    private static String module() {
        return "capa-dwr/hello-" + SUFFIX + "/1.0.0";
    }

    @Test
    void aDeploymentMadeOnOneServerRunsOnTheOtherAndItsRemovalReachesBoth() throws Exception {
        String f = "shared-" + SUFFIX;
        assertEquals(202, api.deploy(f, "v1", module()).statusCode());

        long t0 = System.nanoTime();
        Server.await("/wasm/functions/" + f + "/v1", () -> first.call("/wasm/functions/" + f + "/v1", "Bob"), r -> r.statusCode() == 200,
                Duration.ofSeconds(40));
        System.out.println("DURABLE worker, shared desired state: a deploy on the second server ran on the first after "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");

        assertEquals(202, first.remove(f, "v1").statusCode());
        Server.await("/wasm/functions/" + f + "/v1", () -> api.call("/wasm/functions/" + f + "/v1", "Bob"), r -> r.statusCode() == 404,
                Duration.ofSeconds(20));
        Server.await("/functions/" + f + "/v1", () -> first.call("/functions/" + f + "/v1", "Bob"), DeployStream::isNoRoute,
                Duration.ofSeconds(20));
    }

    @Test
    void everyDeploymentAnsweredBeforeAKillIsBackAfterTheRestart() throws Exception {
        DeployStream stream = new DeployStream(api, module(), "kr" + SUFFIX + "-", 12);
        try {
            stream.runAndKill(second, 7);
            long restartedAt = System.nanoTime();
            Duration ready = second.startAgain();

            System.out.println("DURABLE worker kill -9, Redis store: " + stream.verifyBack(ready, restartedAt));
        } finally {
            for (DeployStream.Op pair : stream.pairs()) {
                int status = api.remove(pair.function(), pair.revision()).statusCode();
                assertTrue(status == 202 || status == 404, pair + ": " + status);
            }
        }
    }
}
