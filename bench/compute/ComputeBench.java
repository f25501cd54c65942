// SPDX-License-Identifier: Apache-2.0
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
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
 * Memory (-Dchicory.memory): bytearray (Chicory's ByteArrayMemory, the default here), bytebuffer
 * (Chicory's default ByteBufferMemory) or dirtychunk (what the engine uses, GuestInstance.start:
 * ByteArrayMemory that also marks the 4 KiB chunks each write touches).
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
        String memory = System.getProperty("chicory.memory", "bytearray");
        Instance.Builder builder = Instance.builder(module)
                .withMachineFactory(MachineFactoryCompiler.compile(module));
        if (memory.equals("bytearray")) {
            builder.withMemoryFactory(ByteArrayMemory::new);
        } else if (memory.equals("dirtychunk")) {
            builder.withMemoryFactory(io.capaee.api.wasm.internal.DirtyChunkMemory::new);
        } else if (!memory.equals("bytebuffer")) {
            throw new IllegalArgumentException("chicory.memory must be bytebuffer, bytearray or dirtychunk: " + memory);
        }
        Instance instance = builder.build();
        System.out.printf("INFO chicory instantiate+compile %.1f ms (java %s, %s memory)%n", (System.nanoTime() - t0) / 1e6,
                System.getProperty("java.version"), memory);

        run("fib(" + fibN + ")", instance.export("fib"), fibN, warmup, runs);
        run("sieve(" + sieveN + ")", instance.export("sieve"), sieveN, warmup, runs);
    }

    private static void run(String name, ExportFunction f, int arg, int warmup, int runs) {
        long result = 0;
        for (int i = 0; i < warmup; i++) {
            result = f.apply(arg)[0];
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long r = f.apply(arg)[0];
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
