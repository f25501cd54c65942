// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.testing.LoopingModules;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A module whose {@code _start} never returns fails its deployment in time, and the running revision stays. */
class FunctionRegistryTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WasmEngine engine = new WasmEngine(new HostServices(Optional.empty(), Optional.empty(), "{}", (f, l) -> { }, HttpClient.newHttpClient()),
            scheduler, true);

    @AfterEach
    void stop() {
        engine.close();
        scheduler.shutdownNow();
    }

    private FunctionRegistry registry() {
        FunctionRegistry registry = new FunctionRegistry();
        registry.runtime = new WasmRuntime() {
            @Override
            public WasmEngine engine() {
                return engine;
            }
        };
        registry.config = new FunctionsConfig() {
            @Override
            public FunctionSettings settingsFor(String name) {
                return FunctionSettings.defaults().withCallTimeout(Duration.ofMillis(300));
            }
        };
        registry.metrics = new FunctionMetrics() {
            @Override
            Recorder recorder(String function, String revision) {
                return null;
            }
        };
        return registry;
    }

    @Test
    void aStartThatNeverReturnsFailsTheDeployAndTheRunningRevisionStays() throws IOException {
        FunctionRegistry registry = registry();
        Deployment running = registry.deploy("hello", FunctionRegistry.DEFAULT_REVISION,
                Files.readAllBytes(Path.of("../lib-api/src/test/guests/hello-cli.wasm")), "hello.wasm");

        WasmFunctionException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(WasmFunctionException.class,
                () -> registry.deploy("hello", FunctionRegistry.DEFAULT_REVISION, LoopingModules.start(), "hello.wasm")));

        assertEquals(WasmFunctionException.Reason.TIMEOUT, e.reason());
        assertSame(running, registry.find("hello", FunctionRegistry.DEFAULT_REVISION));
        assertEquals("Hello x", running.function().callCli(List.of("x")).raw());
        assertTrue(registry.failures().get(0).message().contains("did not finish starting (_start) within its time limit of 300 ms"),
                registry.failures().toString());
    }
}
