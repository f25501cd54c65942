// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.testing.LoopingModules;
import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A server running its functions on GraalWasm, set up as docs/functions.md ("Choosing the engine") says: a copy
 * of the test server made a GraalWasm server by {@code scripts/graalwasm-server.sh} (on the JDK 21+ of
 * {@code -Dgraal.jdk}, with the Graal compiler through JVMCI, lib-wasm-graal and GraalWasm's jars as a private
 * library of the application, {@code capa.functions.engine=graalwasm}), from what lib-wasm-graal's build copies
 * to its {@code target/graalwasm}. Without {@code -Dgraal.jdk} (no such JDK, no such build) the class is skipped.
 */
@EnabledIfSystemProperty(named = "it.graalwasm.jdk", matches = ".+", disabledReason = "no JDK 21+ for GraalWasm: build with"
        + " -Dgraal.jdk=\"$(scripts/graal-jdk.sh)\" (the graalwasm profile builds lib-wasm-graal and passes that JDK here)")
@ResourceLock(SharedResources.EXTRA_SERVER_A)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraalWasmServerIT {
    private static final int OFFSET = 25;
    private static final Path SCRIPT = Path.of(System.getProperty("capa.scripts.dir", "../scripts"), "graalwasm-server.sh");

    private static SecondServer server;
    private static Duration startTime;
    private static String javaFeature;

    @BeforeAll
    static void startOnGraalWasm() throws Exception {
        Path jdk = Path.of(System.getProperty("it.graalwasm.jdk"));
        Properties release = new Properties();
        try (var in = Files.newInputStream(jdk.resolve("release"))) {
            release.load(in);
        }
        javaFeature = release.getProperty("JAVA_VERSION").replace("\"", "").split("[.+-]")[0];
        long start = System.nanoTime();
        // with -Dgraal.jdk the build made lib-wasm-graal's files: when the script finds none, that is a failure, not a skip
        server = SecondServer.start("capa-graalwasm", OFFSET, Map.of(), Map.of(), dir -> run(SCRIPT, dir.toString(), jdk.toString()));
        startTime = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("GraalWasm server (Java " + javaFeature + ") answered after " + startTime.toMillis() + " ms");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theScriptWritesTheConfigurationTheDocsShow() throws Exception {
        String page = Files.readString(Path.of(System.getProperty("capa.docs.dir", "../docs"), "functions.md"));
        int section = page.indexOf("### Choosing the engine");
        assertTrue(section >= 0, "no section 'Choosing the engine' in docs/functions.md");
        int start = page.indexOf("```xml\n", section) + "```xml\n".length();
        // the block is indented as part of a list item on the page
        assertEquals(page.substring(start, page.indexOf("```", start)).stripIndent().strip(),
                Files.readString(server.dir().resolve("configDropins/overrides/graalwasm.xml")).strip());
    }

    @Test
    void theServerRunsItsFunctionsOnGraalWasmOnTheJdkItWasGiven() throws Exception {
        String log = Files.readString(server.dir().resolve("logs/messages.log"));
        assertTrue(log.contains("wasm functions run on the graalwasm engine, Java " + javaFeature), "messages.log:\n" + log);
        HttpResponse<String> ready = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/health/ready")));
        assertTrue(ready.body().contains("\"engine\":\"graalwasm\""), ready.body());
    }

    @Test
    void anHttpFunctionDeployedThroughTheRegistryAndTheWorkerAnswers() throws Exception {
        String function = "graal" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, RegistryUploads.upload(server.base, "capa", function, "1.0.0", Server.guest("hello-http"), "").statusCode());
        HttpResponse<String> deployed = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/wasm/worker/functions/deploy"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"function\":\"" + function + "\",\"revision\":\"v1\",\"module\":\"capa/" + function + "/1.0.0\"}")));
        assertEquals(202, deployed.statusCode(), deployed.body());

        long first = System.nanoTime();
        HttpResponse<String> hello = call(function + "/v1", "Bob", Map.of());
        long firstMillis = (System.nanoTime() - first) / 1_000_000;
        assertEquals(200, hello.statusCode(), hello.body());
        assertEquals("Hello Bob", hello.body());
        assertEquals("capsule-0.1.3", hello.headers().firstValue("X-Guest").orElse(""));
        HttpResponse<String> failed = call(function + "/v1", "boom", Map.of("X-Reply-Mode", "error"));
        assertEquals(500, failed.statusCode());
        assertEquals("boom", failed.body());

        long[] warm = new long[50];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            assertEquals("Hello " + i, call(function + "/v1", String.valueOf(i), Map.of()).body());
            warm[i] = System.nanoTime() - t;
        }
        Arrays.sort(warm);
        System.out.printf("GraalWasm server: first call %d ms, then median of 50 calls %.1f ms%n", firstMillis, warm[25] / 1e6);

        // compiled: the Graal compiler was found through JVMCI inside Liberty; Truffle would only interpret without it
        String listing = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/wasm/functions"))).body();
        assertTrue(listing.contains("\"name\":\"" + function + "\"") && listing.contains("\"compiled\":true"), listing);
    }

    @Test
    void aCallPastItsTimeLimitIsTheSameProblemAsOnChicory() throws Exception {
        // the same module under the same name in both servers' functions directories, with the default 10 s limit:
        // the test server runs it on Chicory
        String function = "spin" + UUID.randomUUID().toString().substring(0, 8);
        byte[] module = LoopingModules.httpHandler();
        Files.write(server.dir().resolve("functions").resolve(function + ".wasm"), module);
        Files.write(Server.functionsDir().resolve(function + ".wasm"), module);
        try {
            awaitDeployed(server.base, function);
            awaitDeployed(Server.base(), function);
            CompletableFuture<HttpResponse<String>> chicory = CompletableFuture.supplyAsync(() -> callOrFail(Server.base(), function));
            HttpResponse<String> graal = callOrFail(server.base, function);
            HttpResponse<String> reference = chicory.join();

            assertEquals(504, graal.statusCode(), graal.body());
            assertEquals("application/problem+json", graal.headers().firstValue("Content-Type").orElse(""));
            assertTrue(graal.body().contains("urn:capa-ee:problem:timeout"), graal.body());
            assertEquals(reference.statusCode(), graal.statusCode());
            assertEquals(reference.body(), graal.body());
        } finally {
            Files.deleteIfExists(Server.functionsDir().resolve(function + ".wasm"));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the server restarts with an engine that does not exist
    void withAnUnknownEngineTheApplicationDoesNotStartAndTheLogSaysWhy() throws Exception {
        server.close();
        // a bootstrap property, read afresh at every start; removing the configDropins file while the server was stopped
        // was not seen at once: the next start still had the library, and restarted the application when Liberty's file
        // monitor noticed, seconds later
        Path bootstrapFile = server.dir().resolve("bootstrap.properties");
        Properties bootstrap = new Properties();
        try (var in = Files.newInputStream(bootstrapFile)) {
            bootstrap.load(in);
        }
        bootstrap.setProperty("capa.functions.engine", "nope");
        try (var out = Files.newOutputStream(bootstrapFile)) {
            bootstrap.store(out, "GraalWasmServerIT: an unknown engine");
        }
        Path log = server.dir().resolve("logs/messages.log");
        Files.deleteIfExists(log);
        server.launch();
        String reason = "capa.functions.engine=nope: no wasm engine named 'nope' is on the class path (found: chicory, graalwasm);"
                + " graalwasm needs lib-wasm-graal and GraalWasm's jars, and Java 21 or later";
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String text = "";
        while (System.nanoTime() < end && !(text.contains(reason) && gaveUp(text))) {
            Thread.sleep(250);
            text = Files.exists(log) ? Files.readString(log) : "";
        }
        assertTrue(text.contains(reason) && gaveUp(text), "messages.log:\n" + text);
        assertTrue(text.lines().anyMatch(l -> l.contains(" E " + reason)), "the reason is a line of its own, at level SEVERE");
        HttpResponse<String> health = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0/healthz")));
        assertTrue(health.statusCode() != 204, "healthz of a server whose application did not start: " + health.statusCode());
    }

    private static void run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), script + " failed:\n" + output);
        System.out.print(output);
    }

    /** Liberty's word that the application did not start: CWWKZ0012I (not started) or CWWKZ0004E (failed while starting). */
    private static boolean gaveUp(String log) {
        return log.contains("CWWKZ0012I") || log.contains("CWWKZ0004E");
    }

    private static void awaitDeployed(String base, String function) throws Exception {
        Server.await("/wasm/functions", () -> Server.send(HttpRequest.newBuilder(URI.create(base + "/wasm/functions"))),
                r -> r.body().contains("\"name\":\"" + function + "\""), Duration.ofSeconds(60));
    }

    private static HttpResponse<String> callOrFail(String base, String function) {
        try {
            return Server.send(HttpRequest.newBuilder(URI.create(base + "/wasm/functions/" + function)).POST(BodyPublishers.ofString("x")));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> call(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base + "/wasm/functions/" + path));
        headers.forEach(request::header);
        return Server.send(request.POST(BodyPublishers.ofString(body)));
    }
}
