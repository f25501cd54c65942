// SPDX-License-Identifier: Apache-2.0
package it.io.capaee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Start time with many worker deployments (issue 22, item 4), run by {@code bench/restart.sh}: a
 * second server {@code capa-bench-restart} (its ports + 4, desired state in files, routes in
 * memory, none of the test server's subscriptions) is restarted once without deployments (the reference), then gets {@code capa.bench.functions}
 * deployments of the test guest, is stopped (and then killed), and started again; prints how long
 * until the server answers and until every one of the deployments answers through the proxy, and
 * last the ratio to the reference. Prints figures; asserts only that the deployments all come back.
 */
@EnabledIfSystemProperty(named = "capa.bench", matches = "true")
class WorkerRestartBench {
    private static final int FUNCTIONS = Integer.getInteger("capa.bench.functions", 100);
    private static final int CONNECTORS = Integer.getInteger("capa.bench.connectors", 20);
    /** One module for every function (each compiled once in all) instead of a module each (each compiled on its own). */
    private static final boolean SAME_MODULE = Boolean.getBoolean("capa.bench.same-module");
    private static final String CONNECTORS_API = "/v1.0-alpha1/connectors";
    private static final Pattern STARTED = Pattern.compile("The \\S+ server is ready to run a smarter planet\\. The \\S+ server started in ([0-9.]+) seconds");
    private static final Pattern RECONCILED = Pattern.compile("worker: (\\d+) deployment\\(s\\) and default\\(s\\) applied from the desired state \\(.*\\) in ([0-9,]+) ms");

    @Test
    void deploymentsAnswerSoonAfterARestart() throws Exception {
        try (SecondServer server = SecondServer.start("capa-bench-restart", 4, changes())) {
            WorkerCalls api = new WorkerCalls(server.base);
            server.close();
            Duration reference = server.startAgain();
            System.out.println("BENCH reference: restart after stop with no worker deployment: server answering after " + reference.toMillis()
                    + " ms" + startLine(server));
            byte[] guest = Server.guest("hello-http");
            int modules = SAME_MODULE ? 1 : FUNCTIONS;
            for (int i = 0; i < modules; i++) {
                assertEquals(200, FaasFlowIT.upload(server.base, "bench", "hello" + i, "1.0.0", SAME_MODULE ? guest : distinct(guest, i), "bench")
                        .statusCode());
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < FUNCTIONS; i++) {
                HttpResponse<String> r = api.deploy("b" + i, "v1", "bench/hello" + (SAME_MODULE ? 0 : i) + "/1.0.0");
                assertEquals(202, r.statusCode(), r.body());
            }
            System.out.println("BENCH deployed " + FUNCTIONS + " worker revisions of " + modules + " module(s) in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 0; i < CONNECTORS; i++) {
                HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(server.base + CONNECTORS_API + "?id=bench-" + i))
                        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(
                                "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: capa.bench.restart.%s.%d } }\n".formatted(run, i)
                                        + "sink: { type: redis_streams, config: { stream: 'capa:bench:restart:%s' } }\n".formatted(run))));
                assertEquals(201, r.statusCode(), r.body());
            }
            untilConnectorsRun(server.base, System.nanoTime());
            long afterStop = 0;
            for (String how : List.of("stop", "kill -9")) {
                if (how.equals("stop")) {
                    server.close();
                } else {
                    server.kill();
                }
                long start = System.nanoTime();
                Duration answering = server.startAgain();
                long functions = untilAllAnswer(api, start);
                long connectors = untilConnectorsRun(server.base, start);
                long all = Math.max(functions, connectors);
                afterStop = afterStop == 0 ? all : afterStop;
                System.out.println("BENCH restart after " + how + " with " + FUNCTIONS + " worker deployments and " + CONNECTORS
                        + " connectors: server answering after " + answering.toMillis() + " ms, all " + FUNCTIONS
                        + " functions answering through the proxy after " + functions + " ms, all " + CONNECTORS + " connectors connected after "
                        + connectors + " ms" + startLine(server));
            }
            System.out.printf("BENCH ratio: restart after stop until %d deployments answer / restart without deployments = %.2f%n", FUNCTIONS,
                    afterStop / (double) reference.toMillis());
        }
    }

    /**
     * Files for the desired state, memory for routes (the embedded default), and none of the test
     * server's pub/sub subscriptions: a server with functions, not the end-to-end tests' consumers.
     */
    private static Map<String, String> changes() throws Exception {
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(Server.dir().resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        Map<String, String> changes = new HashMap<>();
        bootstrap.stringPropertyNames().stream().filter(k -> k.startsWith("capa.subscription.")).forEach(k -> changes.put(k, null));
        changes.put("capa.kv.backend", "memory");
        changes.put("capa.desired-state.store", "file");
        // 0 turns the compiled-module cache off, to see what it saves
        changes.put("capa.functions.compiled-cache-max-bytes", System.getProperty("capa.bench.compiled-cache-max-bytes", "268435456"));
        return changes;
    }

    /** Liberty's own start time and the worker's reconcile, from the server's log. */
    private static String startLine(SecondServer server) throws Exception {
        String log = Files.readString(server.dir().resolve("logs/messages.log"));
        return " (Liberty: server started in " + last(STARTED, log, 1) + " s; worker: " + last(RECONCILED, log, 1)
                + " deployments applied from the desired state in " + last(RECONCILED, log, 2) + " ms)";
    }

    private static long untilAllAnswer(WorkerCalls api, long start) throws Exception {
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < FUNCTIONS; i++) {
            waiting.add(i);
        }
        long deadline = start + TimeUnit.SECONDS.toNanos(180);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            HttpResponse<String> r = api.call("/functions/b" + waiting.get(0) + "/v1", "Bob");
            if (r.statusCode() == 200) {
                waiting.remove(0);
            } else {
                Thread.sleep(20);
            }
        }
        assertEquals(List.of(), waiting, "deployments that did not come back");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The guest with a custom section naming {@code i}: another module (another digest, its own compilation) that runs the same. */
    static byte[] distinct(byte[] wasm, int i) {
        byte[] name = "capa-bench".getBytes(StandardCharsets.UTF_8);
        byte[] payload = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        int size = 1 + name.length + payload.length; // both lengths fit one LEB128 byte
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(wasm);
        out.write(0); // custom section
        out.write(size);
        out.write(name.length);
        out.writeBytes(name);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Waits until every bench connector is listed as running with its source and sink open; returns the time since {@code start}. */
    private static long untilConnectorsRun(String base, long start) throws Exception {
        long deadline = start + TimeUnit.SECONDS.toNanos(180);
        long running = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Server.send(HttpRequest.newBuilder(URI.create(base + CONNECTORS_API)));
            if (r.statusCode() == 200) {
                try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
                    running = reader.readArray().stream().map(JsonValue::asJsonObject)
                            .filter(c -> c.getString("id").startsWith("bench-") && "running".equals(c.getString("state", ""))
                                    && c.getBoolean("connected", false))
                            .count();
                }
                if (running == CONNECTORS) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("connectors running and connected: " + running + " of " + CONNECTORS);
    }

    private static String last(Pattern pattern, String log, int group) {
        Matcher m = pattern.matcher(log);
        String found = "?";
        while (m.find()) {
            found = m.group(group);
        }
        return found;
    }
}
