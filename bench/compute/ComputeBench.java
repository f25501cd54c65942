// SPDX-License-Identifier: Apache-2.0
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * compute.wasm in Chicory, compiled to JVM bytecode with MachineFactoryCompiler (the engine's
 * mode), no imports. Same protocol as compute.mjs: per workload WARMUP untimed calls, then RUNS
 * timed calls; prints one line per workload:
 *   RESULT <workload> <result> median_ms=<m> min_ms=<m> mean_ms=<m>
 * Usage: java -cp lib-api/target/capsule.jar bench/compute/ComputeBench.java compute.wasm FIB_N SIEVE_N WARMUP RUNS
 * Memory (-Dchicory.memory): flat (the engine's io.capaee FlatMemory: one byte[], what the engine
 * uses for compute.wasm, whose memory after _start is 128 KiB), dirtychunk (the engine's
 * DirtyChunkMemory: one byte[] plus a mark per written 4 KiB chunk, what it uses for guests with
 * more than 512 KiB after _start), bytearray (Chicory's ByteArrayMemory: an array per 64 KiB page)
 * or bytebuffer (Chicory's default ByteBufferMemory).
 * With -Dcompute.engine=true it also runs the same workloads through the engine's public API
 * (WasmEngine.load, WasmFunction.callCli "fib N" / "sieve N"): what a call costs with its
 * isolation, i.e. the time limit watch, the pool and the restore of the instance to its state
 * after _start after every call. Those lines are RESULT engine:<workload> ...
 */
public class ComputeBench {
    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        int fibN = Integer.parseInt(args[1]);
        int sieveN = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);

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

        run("fib(" + fibN + ")", arg -> instance.export("fib").apply(arg)[0], fibN, warmup, runs);
        run("sieve(" + sieveN + ")", arg -> instance.export("sieve").apply(arg)[0], sieveN, warmup, runs);

        if (Boolean.getBoolean("compute.engine")) {
            var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-watchdog");
                t.setDaemon(true);
                return t;
            });
            var services = new io.capaee.api.wasm.HostServices(java.util.Optional.empty(), java.util.Optional.empty(), "{}",
                    (function, line) -> {}, java.net.http.HttpClient.newHttpClient());
            try (var engine = new io.capaee.api.wasm.WasmEngine(services, scheduler, true);
                    var function = engine.load("compute", bytes, io.capaee.api.wasm.FunctionSettings.defaults()
                            .withMaxMemoryPages(1024).withMaxIdleInstances(1))) {
                run("engine:fib(" + fibN + ")", arg -> Long.parseLong(function.callCli(java.util.List.of("fib", "" + arg)).raw()),
                        fibN, warmup, runs);
                run("engine:sieve(" + sieveN + ")", arg -> Long.parseLong(function.callCli(java.util.List.of("sieve", "" + arg)).raw()),
                        sieveN, warmup, runs);
            }
            scheduler.shutdownNow();
        }
    }

    private static void run(String name, java.util.function.IntToLongFunction f, int arg, int warmup, int runs) {
        long result = 0;
        for (int i = 0; i < warmup; i++) {
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
        System.out.printf("RESULT %s %d median_ms=%.2f min_ms=%.2f mean_ms=%.2f%n", name, result, median, sorted[0],
                Arrays.stream(ms).average().orElse(0));
    }
}
