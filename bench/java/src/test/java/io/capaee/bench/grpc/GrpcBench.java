// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.grpc;

import io.capaee.bench.load.Load;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dapr's gRPC API against its HTTP API on one running server (bench/grpc.sh runs it): state get, state save and
 * actor invoke, each over both protocols with the same concurrency and the same durations, in one run. First a
 * cross-check (a value saved over one protocol is read over the other, an actor counts calls from both), then per
 * call and protocol: a warm-up (closed loops, not counted), a fixed rate (latency from the intended send time) and
 * a saturation run of closed-loop clients. Prints one line per measurement, then the ratios gRPC / HTTP last. Any
 * failed call fails the run, naming the first failure.
 *
 * <p>With the server's process id, each saturation line also says what a call cost in CPU time: in the server's
 * process and in this one, the client (both run on the same cores, so a costlier client leaves the server less).
 *
 * <p>Arguments: http port, grpc port, warm-up seconds, seconds per measurement, rate per second, clients
 * [, server process id].
 */
public final class GrpcBench {
    private GrpcBench() {}

    private enum Protocol {
        HTTP, GRPC
    }

    /** CPU time per call in microseconds, of the server's process (NaN when unknown) and of this one. */
    private record Cost(double server, double client) {}

    /** Total CPU time of a process so far, in nanoseconds (NaN when the system does not say). */
    private static double cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> (double) d.toNanos()).orElse(Double.NaN);
    }

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int grpcPort = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        ProcessHandle server = args.length > 6 ? ProcessHandle.of(Long.parseLong(args[6])).orElse(null) : null;
        try (HttpDapr http = new HttpDapr(httpPort); GrpcDapr grpc = new GrpcDapr(grpcPort)) {
            crossCheck(http, grpc);
            Map<Protocol, Map<Operation, Load.Call>> calls = new EnumMap<>(Protocol.class);
            calls.put(Protocol.HTTP, new EnumMap<>(Operation.class));
            calls.put(Protocol.GRPC, new EnumMap<>(Operation.class));
            for (Operation operation : Operation.values()) {
                calls.get(Protocol.HTTP).put(operation, http.call(operation));
                calls.get(Protocol.GRPC).put(operation, grpc.call(operation));
            }
            // the two protocols take turns at every step, so that neither gets the warmer JIT or the quieter minute
            for (Operation operation : Operation.values()) {
                for (Protocol protocol : Protocol.values()) {
                    log("%s over %s: warm-up %d s", operation.label(), protocol, warmup);
                    checked(operation, protocol, Load.saturate(calls.get(protocol).get(operation), clients, warmup));
                }
            }
            Map<Protocol, Map<Operation, Load.Result>> rates = measure(calls, "fixed rate " + rate + "/s", seconds,
                    call -> Load.rate(call, rate, seconds), server, new EnumMap<>(Protocol.class));
            Map<Protocol, Map<Operation, Cost>> costs = new EnumMap<>(Protocol.class);
            Map<Protocol, Map<Operation, Load.Result>> saturations = measure(calls, "saturation, " + clients + " clients", seconds,
                    call -> Load.saturate(call, clients, seconds), server, costs);
            report(rates, saturations, costs, rate, clients);
        }
    }

    /** Both protocols reach the same store and the same actors: what one writes, the other reads. */
    private static void crossCheck(HttpDapr http, GrpcDapr grpc) throws Exception {
        for (int n = 0; n < Operation.SPREAD; n++) {
            grpc.call(Operation.STATE_SAVE).send(n);
            String overHttp = http.get(Operation.key(n));
            if (!overHttp.equals(Operation.VALUE)) {
                throw new IllegalStateException("saved over gRPC, read over HTTP: '" + overHttp + "' for " + Operation.key(n));
            }
            http.call(Operation.STATE_SAVE).send(n);
            String overGrpc = grpc.get(Operation.key(n));
            if (!overGrpc.equals(Operation.VALUE)) {
                throw new IllegalStateException("saved over HTTP, read over gRPC: '" + overGrpc + "' for " + Operation.key(n));
            }
        }
        int first = Integer.parseInt(http.invoke(0).strip());
        int second = Integer.parseInt(grpc.invoke(0).strip());
        if (second != first + 1) {
            throw new IllegalStateException("actor " + Operation.key(0) + " counted " + first + " over HTTP, then " + second + " over gRPC");
        }
        log("cross-check passed: state saved over one protocol reads over the other; actor %s counted %d then %d", Operation.key(0), first,
                second);
    }

    private interface Measurement {
        Load.Result run(Load.Call call) throws InterruptedException;
    }

    private static Map<Protocol, Map<Operation, Load.Result>> measure(Map<Protocol, Map<Operation, Load.Call>> calls, String what, int seconds,
            Measurement measurement, ProcessHandle server, Map<Protocol, Map<Operation, Cost>> costs) throws InterruptedException {
        Map<Protocol, Map<Operation, Load.Result>> results = new EnumMap<>(Protocol.class);
        ProcessHandle client = ProcessHandle.current();
        for (Operation operation : Operation.values()) {
            for (Protocol protocol : Protocol.values()) {
                log("%s over %s: %s for %d s (load %s)", operation.label(), protocol, what, seconds, loadAverage());
                double serverBefore = server == null ? Double.NaN : cpuNanos(server);
                double clientBefore = cpuNanos(client);
                Load.Result result = checked(operation, protocol, measurement.run(calls.get(protocol).get(operation)));
                Cost cost = new Cost(((server == null ? Double.NaN : cpuNanos(server)) - serverBefore) / 1e3 / result.requests(),
                        (cpuNanos(client) - clientBefore) / 1e3 / result.requests());
                log("  %s cpu/call server=%.0fus client=%.0fus", result, cost.server(), cost.client());
                results.computeIfAbsent(protocol, p -> new EnumMap<>(Operation.class)).put(operation, result);
                costs.computeIfAbsent(protocol, p -> new EnumMap<>(Operation.class)).put(operation, cost);
            }
        }
        return results;
    }

    private static Load.Result checked(Operation operation, Protocol protocol, Load.Result result) {
        if (result.failures() > 0) {
            throw new IllegalStateException(operation.label() + " over " + protocol + ": " + result.failures() + " of " + result.requests()
                    + " calls failed; the first: " + result.firstFailure());
        }
        if (result.requests() == 0) {
            throw new IllegalStateException(operation.label() + " over " + protocol + ": no call completed");
        }
        return result;
    }

    private static void report(Map<Protocol, Map<Operation, Load.Result>> rates, Map<Protocol, Map<Operation, Load.Result>> saturations,
            Map<Protocol, Map<Operation, Cost>> costs, int rate, int clients) {
        List<String> ratios = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        System.out.println();
        for (Operation operation : Operation.values()) {
            for (Protocol protocol : Protocol.values()) {
                Load.Result r = rates.get(protocol).get(operation);
                Load.Result s = saturations.get(protocol).get(operation);
                Cost c = costs.get(protocol).get(operation);
                System.out.printf("%-12s %-4s  fixed %d/s: p50 %8.2f ms  p99 %8.2f ms   saturation (%d clients): %8.0f requests/s  p50 %7.2f ms  p99 %7.2f ms"
                        + "  CPU per call: server %4.0f us, client %4.0f us%n",
                        operation.label(), protocol, rate, r.p50(), r.p99(), clients, s.throughput(), s.p50(), s.p99(), c.server(), c.client());
            }
            Load.Result rh = rates.get(Protocol.HTTP).get(operation);
            Load.Result rg = rates.get(Protocol.GRPC).get(operation);
            Load.Result sh = saturations.get(Protocol.HTTP).get(operation);
            Load.Result sg = saturations.get(Protocol.GRPC).get(operation);
            Cost ch = costs.get(Protocol.HTTP).get(operation);
            Cost cg = costs.get(Protocol.GRPC).get(operation);
            ratios.add(String.format("ratio gRPC / HTTP, %-12s  throughput %.2f   saturation p50 %.2f p99 %.2f   fixed-rate p50 %.2f p99 %.2f"
                    + "   CPU per call server %.2f client %.2f", operation.label(), sg.throughput() / sh.throughput(), sg.p50() / sh.p50(),
                    sg.p99() / sh.p99(), rg.p50() / rh.p50(), rg.p99() / rh.p99(), cg.server() / ch.server(), cg.client() / ch.client()));
            // the lines of bench/lib.sh that bench/all.sh draws: gRPC is ours, the HTTP API the reference
            String name = "grpc." + operation.label().replace(' ', '-');
            lines.add(String.format(Locale.ROOT, "PCTL name=%s-at-%d who=grpc p50=%.3f p90=%.3f p99=%.3f", name, rate, rg.p50(), rg.p90(), rg.p99()));
            lines.add(String.format(Locale.ROOT, "PCTL name=%s-at-%d who=http p50=%.3f p90=%.3f p99=%.3f", name, rate, rh.p50(), rh.p90(), rh.p99()));
            lines.add(String.format(Locale.ROOT, "RESULT name=%s-saturation ours=%.1f ref=%.1f ratio=%.3f unit=calls/s better=higher", name,
                    sg.throughput(), sh.throughput(), sg.throughput() / sh.throughput()));
        }
        System.out.println();
        ratios.forEach(System.out::println);
        lines.forEach(System.out::println);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("[grpc] " + format + "%n", args);
    }
}
