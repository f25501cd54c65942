// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.WasmFunctionException.Reason;
import io.capaee.testing.LoopingModules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@code _start} runs under the same time limit as calls: a module that never finishes starting is refused. */
class StartTimeLimitTest {
    private TestHost host;

    @BeforeEach
    void startHost() {
        host = new TestHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @OnBothEngines
    void aStartThatLoopsForeverFailsTheLoadWithinTheCallTimeLimit(EngineKind kind) {
        FunctionSettings settings = FunctionSettings.defaults().withCallTimeout(Duration.ofMillis(300));

        WasmFunctionException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(WasmFunctionException.class, () -> host.track(host.engine(kind).load("spin", LoopingModules.start(), settings))));

        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("'spin' did not finish starting (_start) within its time limit of 300 ms"), e.getMessage());
    }

    @OnBothEngines
    void theSameLimitLeavesAQuickStartAlone(EngineKind kind) {
        WasmFunction function = host.load(kind, "hello-cli", FunctionSettings.defaults().withCallTimeout(Duration.ofMillis(300)));

        assertEquals("Hello x", function.callCli(List.of("x")).raw());
    }
}
