// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.wasm.internal.CallWatchdog;
import io.capaee.api.wasm.internal.ChicoryBackend;
import io.capaee.api.wasm.spi.EngineBackend;
import io.capaee.api.wasm.spi.EngineBackendProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Loads Capsule 0.1.x modules, with Chicory unless another engine is named
 * ({@code capa.functions.engine}, an {@link EngineBackendProvider} on the class path). One engine
 * serves many functions; it holds no threads of its own: time limits are swept by one periodic
 * task on the executor it is given.
 */
public final class WasmEngine implements AutoCloseable {
    /** The default engine's name. */
    public static final String CHICORY = ChicoryBackend.NAME;

    private final String name;
    private final CallWatchdog watchdog;
    private final EngineBackend backend;

    /**
     * @param scheduler runs the time-limit watchdogs (a managed scheduled executor on Liberty)
     * @param useCompiler false runs every module in the interpreter
     */
    public WasmEngine(HostServices services, ScheduledExecutorService scheduler, boolean useCompiler) {
        this(CHICORY, services, scheduler, useCompiler, Optional.empty(), 1);
    }

    /** Chicory, with a cache of compiled modules (see the next constructor). */
    public WasmEngine(HostServices services, ScheduledExecutorService scheduler, boolean useCompiler, Optional<Path> compiledCache,
            long compiledCacheMaxBytes) {
        this(CHICORY, services, scheduler, useCompiler, compiledCache, compiledCacheMaxBytes);
    }

    /**
     * @param engine {@value #CHICORY} or the name of an {@link EngineBackendProvider} on the class path
     * @param useCompiler false runs every module in the engine's interpreter
     * @param compiledCache a directory where Chicory keeps compiled modules across restarts (see
     *     {@link io.capaee.api.wasm.internal.CompiledModuleCache}); empty compiles every module again after a restart
     * @param compiledCacheMaxBytes how much the kept modules may take; the least recently used go first
     * @throws IllegalArgumentException when no engine of that name is on the class path
     */
    public WasmEngine(String engine, HostServices services, ScheduledExecutorService scheduler, boolean useCompiler,
            Optional<Path> compiledCache, long compiledCacheMaxBytes) {
        Objects.requireNonNull(services, "services");
        this.name = Objects.requireNonNull(engine, "engine");
        this.watchdog = new CallWatchdog(Objects.requireNonNull(scheduler, "scheduler"));
        try {
            this.backend = CHICORY.equals(engine)
                    ? new ChicoryBackend(services, watchdog, useCompiler, compiledCache, compiledCacheMaxBytes)
                    : provider(engine).open(services, watchdog, useCompiler);
        } catch (RuntimeException | LinkageError e) {
            watchdog.close();
            throw e;
        }
    }

    private static EngineBackendProvider provider(String engine) {
        List<String> found = new ArrayList<>(List.of(CHICORY));
        try {
            for (EngineBackendProvider provider : ServiceLoader.load(EngineBackendProvider.class, WasmEngine.class.getClassLoader())) {
                if (provider.name().equals(engine)) {
                    return provider;
                }
                found.add(provider.name());
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // GraalWasm's classes are Java 21 class files: on an older JVM they do not load. On a newer one, the engine's
            // jars are where lib-api's classes cannot be seen from (a Liberty common library, not the application's loader)
            int java = Runtime.version().feature();
            throw new IllegalArgumentException("the wasm engine '" + engine + "' could not be loaded on Java " + java
                    + (java < 21 ? " (GraalWasm needs Java 21 or later): " : " (its jars must be in the classloader that loads lib-api): ") + e, e);
        }
        throw new IllegalArgumentException("no wasm engine named '" + engine + "' is on the class path (found: " + String.join(", ", found)
                + "); graalwasm needs lib-wasm-graal and GraalWasm's jars, and Java 21 or later");
    }

    /** The engine's name: {@value #CHICORY} or the name of the provider that runs it. */
    public String name() {
        return name;
    }

    /**
     * Parses, checks, compiles and starts the module once (so a module whose {@code _start}
     * fails is refused here, not at its first call). Functions loaded from the same bytes share
     * one compiled module.
     *
     * @throws WasmFunctionException naming what is wrong with the module
     */
    public WasmFunction load(String name, byte[] wasm, FunctionSettings settings) {
        return backend.load(name, wasm, settings);
    }

    /** Stops enforcing time limits; close the functions first. */
    @Override
    public void close() {
        backend.close();
        watchdog.close();
    }
}
