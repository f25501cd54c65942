// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.spi.EngineBackend;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Chicory, the default engine: modules compiled to JVM bytecode, instances pooled and restored after every call. */
public final class ChicoryBackend implements EngineBackend {
    public static final String NAME = "chicory";

    private final HostServices services;
    private final CallWatchdog watchdog;
    private final ModuleCompiler compiler;
    private final AtomicLong pings = new AtomicLong();

    /**
     * @param compiledCache a directory where compiled modules are kept across restarts (see
     *     {@link CompiledModuleCache}); empty compiles every module again after a restart
     * @param compiledCacheMaxBytes how much the kept modules may take; the least recently used go first
     */
    public ChicoryBackend(HostServices services, CallWatchdog watchdog, boolean useCompiler, Optional<Path> compiledCache, long compiledCacheMaxBytes) {
        this.services = services;
        this.watchdog = watchdog;
        this.compiler = new ModuleCompiler(useCompiler, CapsuleHostFunctions.signatures(),
                useCompiler ? compiledCache.flatMap(dir -> CompiledModuleCache.open(dir, compiledCacheMaxBytes)) : Optional.empty());
    }

    @Override
    public WasmFunction load(String name, byte[] wasm, FunctionSettings settings) {
        CompiledModule compiled = compiler.compile(name, wasm);
        CapsuleHostFunctions host = new CapsuleHostFunctions(name, settings, services, pings, compiled.shape().generation());
        return new PooledWasmFunction(name, compiled, settings, host, watchdog);
    }

    @Override
    public void close() {
        // nothing of its own: the watchdog belongs to the engine
    }
}
