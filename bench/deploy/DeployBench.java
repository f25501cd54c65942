// SPDX-License-Identifier: Apache-2.0
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.api.wasm.WasmFunction;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What deploying a large module costs, through the engine as the server uses it (WasmEngine.load:
 * parse, validate, compile to JVM bytecode, run _start, take the snapshot every call is restored to):
 * <ul>
 * <li>the load, the first call after it, and a warm call;</li>
 * <li>loading the same bytes again (functions of the same bytes share one compiled module), and loading
 * them in a new engine from the compiled-module cache on disk (what a restart costs);</li>
 * <li>the heap the loaded module takes, and what each further ready instance adds ({@code scale});</li>
 * <li>whether a deployment holds up calls of another function: a thread calls the small hello-cli
 * function throughout, and its longest call before and during the load is printed.</li>
 * </ul>
 * Prints {@code RESULT name value unit} lines for bench/deploy.sh.
 *
 * Usage: java -cp capsule.jar DeployBench.java LARGE.wasm hello-cli.wasm CACHE_DIR
 */
public final class DeployBench {
    public static void main(String[] args) throws Exception {
        byte[] large = Files.readAllBytes(Path.of(args[0]));
        byte[] hello = Files.readAllBytes(Path.of(args[1]));
        Path cache = Path.of(args[2]);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-watchdog");
            t.setDaemon(true);
            return t;
        });
        HostServices services = new HostServices(Optional.empty(), Optional.empty(), "{}", (function, line) -> {},
                HttpClient.newHttpClient());
        FunctionSettings settings = FunctionSettings.defaults().withMaxIdleInstances(1);
        System.out.printf("INFO module %d bytes; java %s; %d cores; max heap %d MiB%n", large.length,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (WasmEngine engine = new WasmEngine(services, scheduler, true, Optional.of(cache), 1L << 30);
                WasmFunction small = engine.load("hello", hello, settings)) {
            Caller caller = new Caller(small);
            Thread callerThread = new Thread(caller, "bench-hello-caller");
            callerThread.start();
            Thread.sleep(3000); // the small function warm, its longest call measured without a deployment
            long before = caller.takeLongest();
            long heapBefore = usedHeapAfterGc();

            long t0 = System.nanoTime();
            WasmFunction function = engine.load("large", large, settings);
            long load = System.nanoTime() - t0;
            long during = caller.takeLongest();
            result("load", load / 1e6, "ms");
            result("hello_longest_call_before", before / 1e6, "ms");
            result("hello_longest_call_during_load", during / 1e6, "ms");

            t0 = System.nanoTime();
            String first = function.callCli(List.of("run", "7")).raw();
            result("first_call", (System.nanoTime() - t0) / 1e6, "ms");
            long heapLoaded = usedHeapAfterGc();
            result("heap_module_and_one_instance", (heapLoaded - heapBefore) / 1048576.0, "MiB");

            double[] warm = new double[200];
            long warmUntil = System.nanoTime() + 5_000_000_000L;
            for (int i = 0; System.nanoTime() - warmUntil < 0; i++) {
                function.callCli(List.of("run", Integer.toString(i)));
            }
            for (int i = 0; i < warm.length; i++) {
                long t = System.nanoTime();
                function.callCli(List.of("run", Integer.toString(i * 7919)));
                warm[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(warm);
            result("warm_call_median", warm[warm.length / 2], "ms");
            if (!first.equals(function.callCli(List.of("run", "7")).raw())) {
                throw new IllegalStateException("run 7 answered differently after the warm-up");
            }

            int instances = 8;
            function.scale(instances);
            long heapScaled = usedHeapAfterGc();
            result("heap_per_further_instance", (heapScaled - heapLoaded) / 1048576.0 / (instances - 1), "MiB");

            t0 = System.nanoTime();
            try (WasmFunction again = engine.load("large-again", large, settings)) {
                result("load_same_bytes_again", (System.nanoTime() - t0) / 1e6, "ms");
            }
            function.close();
            caller.stop();
            callerThread.join();
        }
        try (WasmEngine restarted = new WasmEngine(services, scheduler, true, Optional.of(cache), 1L << 30)) {
            long t0 = System.nanoTime();
            try (WasmFunction function = restarted.load("large", large, settings)) {
                result("load_from_compiled_cache", (System.nanoTime() - t0) / 1e6, "ms");
                function.callCli(List.of("run", "7"));
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static void result(String name, double value, String unit) {
        System.out.printf("RESULT %s %.3f %s%n", name, value, unit);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Calls the small function in a loop and keeps its longest call since last asked. */
    private static final class Caller implements Runnable {
        private final WasmFunction function;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong longest = new AtomicLong();

        Caller(WasmFunction function) {
            this.function = function;
        }

        @Override
        public void run() {
            while (running.get()) {
                long t = System.nanoTime();
                function.callCli(List.of("world"));
                longest.accumulateAndGet(System.nanoTime() - t, Math::max);
                try {
                    Thread.sleep(1); // about 1,000 calls/s: a caller, not a load
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long takeLongest() {
            return longest.getAndSet(0);
        }

        void stop() {
            running.set(false);
        }
    }
}
