// SPDX-License-Identifier: Apache-2.0
package it.io.capaee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.WorkerCalls;
import java.io.InputStream;
import java.net.http.HttpResponse;
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
            assertEquals(200, RegistryUploads.upload(server.base, "bench", "hello", "1.0.0", Server.guest("hello-http"), "bench").statusCode());
            long t0 = System.nanoTime();
            for (int i = 0; i < FUNCTIONS; i++) {
                HttpResponse<String> r = api.deploy("b" + i, "v1", "bench/hello/1.0.0");
                assertEquals(202, r.statusCode(), r.body());
            }
            System.out.println("BENCH deployed " + FUNCTIONS + " worker revisions in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            long afterStop = 0;
            for (String how : List.of("stop", "kill -9")) {
                if (how.equals("stop")) {
                    server.close();
                } else {
                    server.kill();
                }
                long start = System.nanoTime();
                Duration answering = server.startAgain();
                long all = untilAllAnswer(api, start);
                afterStop = afterStop == 0 ? all : afterStop;
                System.out.println("BENCH restart after " + how + " with " + FUNCTIONS + " worker deployments: server answering after "
                        + answering.toMillis() + " ms, all " + FUNCTIONS + " answering through the proxy after " + all + " ms" + startLine(server));
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

    private static String last(Pattern pattern, String log, int group) {
        Matcher m = pattern.matcher(log);
        String found = "?";
        while (m.find()) {
            found = m.group(group);
        }
        return found;
    }
}
