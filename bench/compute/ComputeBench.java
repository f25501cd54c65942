// SPDX-License-Identifier: Apache-2.0
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.runtime.ExportFunction;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.api.wasm.WasmFunction;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * compute.wasm in Chicory, compiled to JVM bytecode with MachineFactoryCompiler (the engine's
 * mode), no imports. Same protocol as compute.mjs: per workload WARMUP untimed calls, then RUNS
 * timed calls (warm-up: at least WARMUP calls and -Dcompute.warmupSeconds, default 3); prints one line per workload:
 *   RESULT <workload> <result> median_ms=<m> min_ms=<m> mean_ms=<m>
 * Usage: java -cp capsule-cli/target/capsule.jar bench/compute/ComputeBench.java compute.wasm FIB_N SIEVE_N JSON_N CHECKSUM_N WARMUP RUNS
 * Memory (-Dchicory.memory): flat (the engine's io.capaee FlatMemory: one byte[], what the engine
 * uses for compute.wasm, whose memory after _start is 128 KiB), dirtychunk (the engine's
 * DirtyChunkMemory: one byte[] plus a mark per written 4 KiB chunk, what it uses for guests with
 * more than 512 KiB after _start), bytearray (Chicory's ByteArrayMemory: an array per 64 KiB page)
 * or bytebuffer (Chicory's default ByteBufferMemory).
 * With -Dcompute.mode=engine it runs the same workloads through the engine's public API instead
 * (WasmEngine.load, WasmFunction.callCli "fib N" / "sieve N" / ...): what a call costs with its
 * isolation, i.e. the time limit watch, the pool and the restore of the instance to its state
 * after _start after every call. Those lines are RESULT engine:<workload> ... (its own JVM: two
 * compiled copies of the module in one JVM slowed the second one's fib twofold).
 * -Dcompute.engine=graalwasm runs the engine rows on GraalWasm (lib-wasm-graal and GraalWasm's jars on
 * the class path, a JDK 21+; bench/compute.sh sets it up). In engine mode a last row, engine:hello,
 * calls hello-http.wasm (beside compute.wasm) through callHttp: the per-call cost of a small HTTP function.
 * Every row also says how long its first call took (first_ms: cold code, before any warm-up).
 */
public class ComputeBench {
    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        System.setProperty("compute.wasm", args[0]);
        Map<String, Integer> workloads = new LinkedHashMap<>();
        workloads.put("fib", Integer.parseInt(args[1]));
        workloads.put("sieve", Integer.parseInt(args[2]));
        workloads.put("json", Integer.parseInt(args[3]));
        workloads.put("checksum", Integer.parseInt(args[4]));
        int warmup = Integer.parseInt(args[5]);
        int runs = Integer.parseInt(args[6]);
        if (System.getProperty("compute.mode", "plain").equals("engine")) {
            engine(bytes, workloads, warmup, runs);
            return;
        }

        long t0 = System.nanoTime();
        WasmModule module = Parser.parse(bytes);
        String memory = System.getProperty("chicory.memory", "flat");
        Instance.Builder builder = Instance.builder(module)
                .withMachineFactory(MachineFactoryCompiler.compile(module));
        if (memory.equals("bytearray")) {
            builder.withMemoryFactory(ByteArrayMemory::new);
        } else if (memory.equals("flat")) {
            builder.withMemoryFactory(io.capaee.api.wasm.internal.FlatMemory::new);
        } else if (memory.equals("dirtychunk")) {
            builder.withMemoryFactory(io.capaee.api.wasm.internal.DirtyChunkMemory::new);
        } else if (!memory.equals("bytebuffer")) {
            throw new IllegalArgumentException("chicory.memory must be flat, dirtychunk, bytearray or bytebuffer: " + memory);
        }
        Instance instance = builder.build();
        System.out.printf("INFO chicory instantiate+compile %.1f ms (java %s, %s memory)%n", (System.nanoTime() - t0) / 1e6,
                System.getProperty("java.version"), memory);

        for (var w : workloads.entrySet()) {
            ExportFunction export = instance.export(w.getKey());
            run(w.getKey() + "(" + w.getValue() + ")", arg -> export.apply(arg)[0], w.getValue(), warmup, runs);
        }
    }

    private static void engine(byte[] bytes, Map<String, Integer> workloads, int warmup, int runs) throws java.io.IOException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-watchdog");
            t.setDaemon(true);
            return t;
        });
        HostServices services = new HostServices(Optional.empty(), Optional.empty(), "{}", (function, line) -> {},
                HttpClient.newHttpClient());
        String engineName = System.getProperty("compute.engine", WasmEngine.CHICORY);
        // a generous limit: GraalWasm's first calls run while its compiler is still warming up
        FunctionSettings settings = FunctionSettings.defaults().withMaxMemoryPages(1024).withMaxIdleInstances(1)
                .withCallTimeout(java.time.Duration.ofMinutes(5));
        long t0 = System.nanoTime();
        try (WasmEngine engine = new WasmEngine(engineName, services, scheduler, true, Optional.empty(), 1);
                WasmFunction function = engine.load("compute", bytes, settings)) {
            System.out.printf("INFO engine %s load (compile, start) %.1f ms (java %s)%n", engineName, (System.nanoTime() - t0) / 1e6,
                    System.getProperty("java.version"));
            for (var w : workloads.entrySet()) {
                run("engine:" + w.getKey() + "(" + w.getValue() + ")",
                        arg -> Long.parseLong(function.callCli(List.of(w.getKey(), Integer.toString(arg))).raw()), w.getValue(), warmup, runs);
            }
            Path hello = Path.of(System.getProperty("compute.hello", Path.of(System.getProperty("compute.wasm", "")).resolveSibling("hello-http.wasm").toString()));
            if (Files.exists(hello)) {
                WasmFunction http = engine.load("hello", Files.readAllBytes(hello), settings);
                var request = new io.capaee.api.wasm.capsule.HttpInvocation("POST", "/", Map.of("Content-Type", "text/plain"), "world");
                run("engine:hello", arg -> http.callHttp(request).status(), 0, Math.max(warmup, 1000), Math.max(runs, 1000));
                http.close();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static void run(String name, java.util.function.IntToLongFunction f, int arg, int warmup, int runs) {
        long cold = System.nanoTime();
        long result = f.applyAsLong(arg);
        double firstMs = (System.nanoTime() - cold) / 1e6;
        // at least WARMUP calls and WARMUP_SECONDS: the JIT needs seconds for large guest functions
        long warmUntil = System.nanoTime() + (long) (Double.parseDouble(System.getProperty("compute.warmupSeconds", "3")) * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() - warmUntil < 0; i++) {
            result = f.applyAsLong(arg);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long r = f.applyAsLong(arg);
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (i > 0 || warmup > 0) {
                if (r != result) {
                    throw new IllegalStateException(name + " returned " + r + " then " + result);
                }
            }
            result = r;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        System.out.printf("RESULT %s %d median_ms=%.4f min_ms=%.4f mean_ms=%.4f first_ms=%.1f%n", name, result, median, sorted[0],
                Arrays.stream(ms).average().orElse(0), firstMs);
    }
}
