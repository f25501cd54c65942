// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.WasmFunctionException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Time and memory limits, traps, and fresh-instance semantics between calls. */
class LimitsAndIsolationTest {
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);

    private TestHost host;

    @BeforeEach
    void startHost() {
        host = new TestHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    private WasmFunction hostcalls(EngineKind kind) {
        return host.load(kind, "hostcalls", FunctionSettings.defaults().withCallTimeout(CALL_TIMEOUT));
    }

    @OnBothEngines
    void anEndlessLoopIsStoppedAtTheCallTimeout(EngineKind kind) {
        WasmFunction function = hostcalls(kind);

        long start = System.nanoTime();
        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("loop")));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Reason.TIMEOUT, e.reason(), e.getMessage());
        assertTrue(elapsedMs >= 450 && elapsedMs < 2500, "stopped after " + elapsedMs + " ms");
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt flag is cleared");
        assertEquals("\uD83C\uDFD3 pong: next : 1", function.callCli(List.of("ping", "next")).raw());
    }

    @OnBothEngines
    void aTimeoutDoesNotLeakIntoLaterCallsOnTheSameThread(EngineKind kind) throws InterruptedException {
        WasmFunction function = hostcalls(kind);
        assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("loop")));

        Thread.sleep(CALL_TIMEOUT.toMillis() + 200); // a stale watchdog would have fired by now
        for (int i = 0; i < 5; i++) {
            assertEquals("1", function.callCli(List.of("counter")).raw());
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @OnBothEngines
    void endlessMemoryGrowthHitsTheMemoryLimit(EngineKind kind) {
        WasmFunction function = host.load(kind, "hostcalls", FunctionSettings.defaults().withMaxMemoryPages(64));

        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("grow")));

        assertEquals(Reason.MEMORY_LIMIT, e.reason(), e.getMessage());
        assertEquals("1", function.callCli(List.of("counter")).raw());
    }

    @OnBothEngines
    void endlessMemoryGrowthHitsTheDefaultMemoryLimit(EngineKind kind) {
        WasmFunction function = host.load(kind, "hostcalls");

        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("grow")));

        assertEquals(Reason.MEMORY_LIMIT, e.reason(), e.getMessage());
    }

    @OnBothEngines
    void unreachableIsATrapAndTheFunctionKeepsWorking(EngineKind kind) {
        WasmFunction function = hostcalls(kind);

        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("trap")));

        assertEquals(Reason.TRAP, e.reason(), e.getMessage());
        assertEquals("1", function.callCli(List.of("counter")).raw());
    }

    @OnBothEngines
    void unboundedRecursionIsATrap(EngineKind kind) {
        WasmFunction function = hostcalls(kind);

        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("recurse")));

        assertEquals(Reason.TRAP, e.reason(), e.getMessage());
        assertEquals("1", function.callCli(List.of("counter")).raw());
    }

    @OnBothEngines
    void aCallingHandlerThatWasNeverRegisteredIsATrap(EngineKind kind) {
        // hello-cli registers only the CLI handler; its callHandleHttp dereferences a nil function
        WasmFunction function = host.load(kind, "hello-cli");

        WasmFunctionException e = assertThrows(WasmFunctionException.class,
                () -> function.callHttp(new io.capaee.api.wasm.capsule.HttpInvocation("GET", "/", java.util.Map.of("Accept", "*/*"), "")));

        assertEquals(Reason.TRAP, e.reason(), e.getMessage());
    }

    @OnBothEngines
    void everyCallSeesAFreshInstance(EngineKind kind) {
        WasmFunction function = hostcalls(kind);

        for (int i = 0; i < 100; i++) {
            assertEquals("1", function.callCli(List.of("counter")).raw(), "call " + i);
        }
    }

    @OnBothEngines
    void concurrentCallsEachSeeAFreshInstance(EngineKind kind) throws Exception {
        WasmFunction function = hostcalls(kind);
        int threads = 8;
        int calls = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> worker = () -> {
                    go.await();
                    List<String> answers = new ArrayList<>();
                    for (int i = 0; i < calls; i++) {
                        answers.add(function.callCli(List.of("counter")).raw());
                    }
                    return answers;
                };
                results.add(pool.submit(worker));
            }
            go.countDown();
            for (Future<List<String>> result : results) {
                assertEquals(java.util.Collections.nCopies(calls, "1"), result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @OnBothEngines
    void aLargeAllocationGrowsMemoryAndLaterCallsStillWork(EngineKind kind) {
        WasmFunction function = hostcalls(kind);

        assertEquals("ok", function.callCli(List.of("heap", "3000000")).raw());
        assertEquals("ok", function.callCli(List.of("heap", "3000000")).raw());
        for (int i = 0; i < 3; i++) {
            assertEquals("1", function.callCli(List.of("counter")).raw());
        }
        assertEquals("\uD83C\uDFD3 pong: x : 1", function.callCli(List.of("ping", "x")).raw());
    }

    @OnBothEngines
    void anAllocationBeyondTheMemoryLimitIsAMemoryLimitFailure(EngineKind kind) {
        WasmFunction function = hostcalls(kind); // 256 pages = 16 MiB

        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("heap", "20000000")));

        assertEquals(Reason.MEMORY_LIMIT, e.reason(), e.getMessage());
        assertEquals("ok", function.callCli(List.of("heap", "1000")).raw());
    }

    @OnBothEngines
    void memoryAGuestGrewIsGivenBackAfterTheCallAndTheLimitStillHolds(EngineKind kind) {
        // one instance, reused: each call grows memory by 9 MB of its 16 MiB, which only fits
        // if the previous call's growth was undone
        WasmFunction function = host.load(kind, "hostcalls", FunctionSettings.defaults().withCallTimeout(CALL_TIMEOUT).withMaxIdleInstances(1));
        for (int i = 0; i < 5; i++) {
            assertEquals("ok", function.callCli(List.of("heap", "9000000")).raw(), "call " + i);
            assertEquals("1", function.callCli(List.of("counter")).raw(), "call " + i);
        }

        WasmFunctionException e = assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("heap", "20000000")));

        assertEquals(Reason.MEMORY_LIMIT, e.reason(), e.getMessage());
        assertEquals("ok", function.callCli(List.of("heap", "9000000")).raw());
    }

    @OnBothEngines
    void aGuestThatGrowsMemoryInEveryCallAnswersAlike(EngineKind kind) {
        // sieve allocates (and grows memory for) its 2 MB array anew in each fresh instance
        WasmFunction function = host.load(kind, "compute", FunctionSettings.defaults().withMaxIdleInstances(1));
        for (int i = 0; i < 4; i++) {
            assertEquals("148933", function.callCli(List.of("sieve", "2000000")).raw(), "call " + i);
            assertEquals("25", function.callCli(List.of("sieve", "100")).raw(), "call " + i);
        }
    }

    @OnBothEngines
    void aClosedFunctionRefusesCalls(EngineKind kind) {
        WasmFunction function = hostcalls(kind);
        function.close();

        assertThrows(WasmFunctionException.class, () -> function.callCli(List.of("counter")));
    }

    @OnBothEngines
    void scalingKeepsThatManyInstancesReadyAndStillIsolatesCalls(EngineKind kind) {
        WasmFunction function = hostcalls(kind);
        function.scale(4);
        assertEquals(4, function.instances());
        for (int i = 0; i < 10; i++) {
            assertEquals("1", function.callCli(List.of("counter")).raw());
        }
        function.scale(1);
        assertEquals(1, function.instances());
        assertEquals("1", function.callCli(List.of("counter")).raw());
        assertThrows(IllegalArgumentException.class, () -> function.scale(0));
    }
}
