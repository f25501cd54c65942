// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A stream of worker calls against one server that is killed (SIGKILL) in the middle of it: which
 * calls were answered 2xx, and the check, after the restart, that all of those are back.
 */
public final class DeployStream {
    /** A deploy (of a pair deployed before: one more instance) or a set_default_revision. */
    public record Op(boolean deploy, String function, String revision) {
        String pair() {
            return function + "/" + revision;
        }
    }

    /** An op and its status; -1 when it got no answer (the server died under it). */
    public record Answer(Op op, int status) {}

    private final WorkerCalls api;
    private final String module;
    private final List<Op> ops;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());

    /**
     * {@code pairs} deployments of distinct function/revision pairs over ten functions named
     * {@code prefix0..9}, every seventh one deployed twice (two instances), and one default.
     */
    public DeployStream(WorkerCalls api, String module, String prefix, int pairs) {
        this.api = api;
        this.module = module;
        List<Op> plan = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Op deploy = new Op(true, prefix + (i % 10), "r" + i);
            plan.add(deploy);
            if (i % 7 == 3) {
                plan.add(deploy);
            }
            if (i == 3) {
                plan.add(new Op(false, deploy.function(), deploy.revision()));
            }
        }
        this.ops = List.copyOf(plan);
    }

    /** Runs the calls one after another and kills the server once {@code killAfter} of them were answered 2xx. */
    public void runAndKill(SecondServer server, int killAfter) throws Exception {
        Thread calls = new Thread(() -> {
            for (Op op : ops) {
                int status;
                try {
                    HttpResponse<String> r = op.deploy() ? api.deploy(op.function(), op.revision(), module) : api.setDefault(op.function(), op.revision());
                    status = r.statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                answers.add(new Answer(op, status));
                if (status < 0) {
                    return; // the server is gone: every later call would fail the same way
                }
            }
        }, "deploy-stream");
        calls.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged().size() < killAfter && calls.isAlive() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(calls.isAlive(), "the stream ended before the kill: " + answers);
        server.kill();
        calls.join(TimeUnit.SECONDS.toMillis(60));
    }

    public List<Answer> acknowledged() {
        synchronized (answers) {
            return answers.stream().filter(a -> a.status() >= 200 && a.status() < 300).toList();
        }
    }

    /**
     * Checks the restarted server: every pair whose deploy was answered 2xx answers through the
     * proxy and directly, with at least its acknowledged instances; the acknowledged default
     * answers {@code /functions/{name}}; every other pair of the plan either runs and is routed,
     * or neither (none is routed without running). Returns the figures.
     */
    public String verifyBack(Duration ready, long restartedAt) throws Exception {
        List<Answer> all = List.copyOf(answers);
        all.forEach(a -> assertTrue(a.status() < 500, "answered 5xx before the kill: " + a));
        Map<String, Integer> acknowledgedInstances = new LinkedHashMap<>();
        Map<String, Integer> attemptedInstances = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Answer a : all) {
            if (a.op().deploy()) {
                attemptedInstances.merge(a.op().pair(), 1, Integer::sum);
                if (a.status() >= 200) {
                    acknowledgedInstances.merge(a.op().pair(), 1, Integer::sum);
                }
            } else if (a.status() >= 200) {
                defaults.put(a.op().function(), a.op().revision());
            }
        }
        Set<String> waiting = new LinkedHashSet<>(acknowledgedInstances.keySet());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String pair : List.copyOf(waiting)) {
                // while the server starts, the proxy may answer before the worker has routed (or can serve) a revision
                HttpResponse<String> r = api.call("/functions/" + pair, "Bob");
                if (r.statusCode() == 200) {
                    assertEquals("Hello Bob", r.body());
                    waiting.remove(pair);
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        long allAnswering = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
        assertEquals(Set.of(), waiting, "acknowledged deployments that did not come back");
        JsonObject listing = api.list();
        for (Map.Entry<String, Integer> e : acknowledgedInstances.entrySet()) {
            String[] fr = e.getKey().split("/");
            assertEquals(200, api.call("/wasm/functions/" + e.getKey(), "Bob").statusCode(), e.getKey());
            int instances = listing.getJsonObject(fr[0]).getJsonObject(fr[1]).getJsonObject("wasmModules").size();
            assertTrue(instances >= e.getValue() && instances <= attemptedInstances.get(e.getKey()),
                    e.getKey() + ": " + instances + " instances, acknowledged " + e.getValue() + ", attempted " + attemptedInstances.get(e.getKey()));
        }
        for (Map.Entry<String, String> d : defaults.entrySet()) {
            HttpResponse<String> r = api.call("/functions/" + d.getKey(), "Ada");
            assertEquals("Hello Ada", r.body(), "default of " + d.getKey());
            assertEquals("true", listing.getJsonObject(d.getKey()).getJsonObject(d.getValue()).getString("isDefaultRevision"));
        }
        for (Op op : ops) {
            // deployed whole (runs, and routed) or not at all (not running, and no route)
            int direct = api.call("/wasm/functions/" + op.pair(), "Bob").statusCode();
            if (direct == 200) {
                assertEquals("Hello Bob", api.call("/functions/" + op.pair(), "Bob").body(), op.pair() + " runs: routed");
            } else {
                assertEquals(404, direct, "/wasm/functions/" + op.pair());
                assertEquals("null", api.routeUrls(op.function(), op.revision()), op.pair() + " does not run: no route");
            }
        }
        long unanswered = all.stream().filter(a -> a.status() < 0).count();
        return all.size() + " calls, " + acknowledged().size() + " answered 2xx (" + acknowledgedInstances.size() + " deployments, "
                + defaults.size() + " default), " + unanswered + " unanswered; back and answering: " + acknowledgedInstances.size() + "/"
                + acknowledgedInstances.size() + "; server answering " + ready.toMillis() + " ms after the start command, all acknowledged "
                + "deployments answering after " + allAnswering + " ms";
    }

    /** The proxy's answer when it has no route: Capsule's 500 "Houston" body (kept for conformance). */
    public static boolean isNoRoute(HttpResponse<String> r) {
        return r.statusCode() == 500 && r.body().equals(Server.NO_ROUTE_BODY);
    }

    /** Every pair of the plan, for clean-up. */
    public Set<Op> pairs() {
        Set<Op> pairs = new LinkedHashSet<>();
        ops.stream().filter(Op::deploy).forEach(pairs::add);
        return pairs;
    }
}
