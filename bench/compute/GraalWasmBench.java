// SPDX-License-Identifier: Apache-2.0
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Measurement only, not part of the engine: compute.wasm in GraalWasm with the protocol of
 * ComputeBench.java (plain rows: one instance, export called directly). Needs a JDK 21+ and, for
 * the optimizing runtime, the Graal compiler through JVMCI:
 *   mvn package -DskipTests -DskipITs -pl lib-wasm-graal -am -Dgraal.jdk="$(scripts/graal-jdk.sh)"
 *   J=$(scripts/graal-jdk.sh)/bin/java; L=lib-wasm-graal/target/graalwasm   # GraalWasm's jars, copied by that build
 *   $J -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$(ls $L/jvmci/*.jar | paste -sd:) \
 *     -p $(ls $L/lib/*.jar | grep -v /lib-wasm-graal- | paste -sd:) --add-modules org.graalvm.polyglot \
 *     bench/compute/GraalWasmBench.java lib-api/src/test/guests/compute.wasm 35 10000000 700 1048576 10 20
 */
public class GraalWasmBench {
    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        String[] names = {"fib", "sieve", "json", "checksum"};
        int warmup = Integer.parseInt(args[5]);
        int runs = Integer.parseInt(args[6]);
        long t0 = System.nanoTime();
        try (Context context = Context.newBuilder("wasm").build()) {
            Source source = Source.newBuilder("wasm", ByteSequence.create(bytes), "compute").build();
            Value module = context.eval(source);
            Value exports = module.newInstance().getMember("exports");
            System.out.printf("INFO graalwasm instantiate %.1f ms (java %s, %s)%n", (System.nanoTime() - t0) / 1e6,
                    System.getProperty("java.version"), context.getEngine().getImplementationName());
            for (int w = 0; w < names.length; w++) {
                Value f = exports.getMember(names[w]);
                int arg = Integer.parseInt(args[w + 1]);
                long result = 0;
                long warmUntil = System.nanoTime() + 3_000_000_000L;
                for (int i = 0; i < warmup || System.nanoTime() - warmUntil < 0; i++) {
                    result = f.execute(arg).asInt();
                }
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    long r = f.execute(arg).asInt();
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    if (r != result) throw new IllegalStateException(names[w] + " returned " + r + " then " + result);
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
                System.out.printf("RESULT %s(%d) %d median_ms=%.2f min_ms=%.2f%n", names[w], arg, result, median, sorted[0]);
            }
        }
    }
}
