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
 *   mvn -f bench/compute/graalwasm-pom.xml dependency:copy-dependencies -DoutputDirectory=/tmp/graalwasm
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; L=/tmp/graalwasm
 *   $J -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
 *     --upgrade-module-path=$L/compiler-25.0.2.jar:$L/truffle-compiler-25.0.2.jar:$L/word-25.0.2.jar:$L/collections-25.0.2.jar \
 *     -p $(ls $L/*.jar | grep -v compiler-25 | tr '\n' ':') --add-modules org.graalvm.polyglot \
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
