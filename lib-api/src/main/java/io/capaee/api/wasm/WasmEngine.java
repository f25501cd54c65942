// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.wasm.internal.CallWatchdog;
import io.capaee.api.wasm.internal.CapsuleHostFunctions;
import io.capaee.api.wasm.internal.CompiledModule;
import io.capaee.api.wasm.internal.CompiledModuleCache;
import io.capaee.api.wasm.internal.ModuleCompiler;
import io.capaee.api.wasm.internal.PooledWasmFunction;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads Capsule 0.1.x modules with Chicory. One engine serves many functions; it holds no
 * threads of its own: time limits are swept by one periodic task on the executor it is given.
 */
public final class WasmEngine implements AutoCloseable {
    private final HostServices services;
    private final CallWatchdog watchdog;
    private final ModuleCompiler compiler;
    private final AtomicLong pings = new AtomicLong();

    /**
     * @param scheduler runs the time-limit watchdogs (a managed scheduled executor on Liberty)
     * @param useCompiler false runs every module in the interpreter
     */
    public WasmEngine(HostServices services, ScheduledExecutorService scheduler, boolean useCompiler) {
        this(services, scheduler, useCompiler, Optional.empty(), 1);
    }

    /**
     * @param compiledCache a directory where compiled modules are kept across restarts (see
     *     {@link CompiledModuleCache}); empty compiles every module again after a restart
     * @param compiledCacheMaxBytes how much the kept modules may take; the least recently used go first
     */
    public WasmEngine(HostServices services, ScheduledExecutorService scheduler, boolean useCompiler, Optional<Path> compiledCache,
            long compiledCacheMaxBytes) {
        this.services = Objects.requireNonNull(services, "services");
        this.watchdog = new CallWatchdog(Objects.requireNonNull(scheduler, "scheduler"));
        this.compiler = new ModuleCompiler(useCompiler, CapsuleHostFunctions.signatures(),
                useCompiler ? compiledCache.flatMap(dir -> CompiledModuleCache.open(dir, compiledCacheMaxBytes)) : Optional.empty());
    }

    /**
     * Parses, checks, compiles and starts the module once (so a module whose {@code _start}
     * fails is refused here, not at its first call). Functions loaded from the same bytes share
     * one compiled module.
     *
     * @throws WasmFunctionException naming what is wrong with the module
     */
    public WasmFunction load(String name, byte[] wasm, FunctionSettings settings) {
        CompiledModule compiled = compiler.compile(name, wasm);
        CapsuleHostFunctions host = new CapsuleHostFunctions(name, settings, services, pings, compiled.shape().generation());
        return new PooledWasmFunction(name, compiled, settings, host, watchdog);
    }

    /** Stops enforcing time limits; close the functions first. */
    @Override
    public void close() {
        watchdog.close();
    }
}
