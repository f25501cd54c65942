// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.actors.runtime.ActorSettings;
import io.capaee.actors.runtime.MemoryKeyValue;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RemoteActorTypeTest {
    private final ExecutorService hostThreads = Executors.newCachedThreadPool();
    private final ExecutorService turns = Executors.newSingleThreadExecutor();
    private final AtomicInteger seen = new AtomicInteger();
    private HttpServer host;

    @AfterEach
    void close() {
        if (host != null) {
            host.stop(0);
        }
        hostThreads.shutdownNow();
        turns.shutdownNow();
    }

    @Test
    void aSlowHostHoldsNoTurnThreadWhileItWorks() throws Exception {
        // a Dapr-style host that takes 300 ms per call
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.setExecutor(hostThreads);
        host.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            seen.incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = ("\"" + x.getRequestHeaders().getFirst("Dapr-Reentrancy-Id") + "\"").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        });
        host.start();
        URI base = URI.create("http://127.0.0.1:" + host.getAddress().getPort());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ActorRuntimeCore core = new ActorRuntimeCore(ActorSettings.defaults(), new ActorStore(new MemoryKeyValue(), "r:"),
                (at, task) -> () -> { }, Clock.systemUTC(), t -> Optional.empty(), turns, (at, task) -> () -> { });
        core.register(new RemoteActorType("slow", new RemoteHost(base, client, Duration.ofSeconds(10)), Optional.empty()));

        long start = System.nanoTime();
        List<CompletableFuture<ActorResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(core.invokeAsync(new ActorId("slow", "s" + i), "work", ActorRequest.json("1")).toCompletableFuture());
        }
        for (CompletableFuture<ActorResponse> call : calls) {
            // every call carries a call chain id for the host to pass on
            assertTrue(call.get(10, TimeUnit.SECONDS).text().matches("\"[0-9a-f-]+-\\d+\""));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(10, seen.get());
        // one turn thread: waiting for each answer on it would take 10 x 300 ms
        assertTrue(millis < 2_000, "10 calls of 300 ms to 10 remote actors on one turn thread took " + millis + " ms");
    }
}
