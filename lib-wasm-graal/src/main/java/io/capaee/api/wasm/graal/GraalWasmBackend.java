// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.graal;

import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.internal.CallWatchdog;
import io.capaee.api.wasm.internal.CapsuleHostFunctions;
import io.capaee.api.wasm.internal.CompiledModule;
import io.capaee.api.wasm.internal.ModuleCompiler;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Engine;

/**
 * GraalWasm behind the engine interface. One polyglot {@link Engine} is shared by every function,
 * so a module's parsed and compiled code is shared by all of its contexts; each call still runs in
 * a context and instance of its own ({@link GraalWasmFunction}). Modules are parsed and checked
 * against the Capsule ABI by the same inspector as Chicory's, so both refuse the same modules with
 * the same messages.
 */
final class GraalWasmBackend implements io.capaee.api.wasm.spi.EngineBackend {
    private final HostServices services;
    private final CallWatchdog watchdog;
    private final Engine engine;
    private final boolean optimizing;
    /** Chicory's parser and the ABI inspection only (no bytecode translation). */
    private final ModuleCompiler inspector = new ModuleCompiler(false, CapsuleHostFunctions.signatures());
    private final AtomicLong pings = new AtomicLong();

    GraalWasmBackend(HostServices services, CallWatchdog watchdog, boolean optimize) {
        this.services = services;
        this.watchdog = watchdog;
        Engine.Builder builder = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false");
        if (!optimize) {
            // Truffle's interpreter only: an experimental option, used for comparison and as an escape hatch
            builder.allowExperimentalOptions(true).option("engine.Compilation", "false");
        }
        this.engine = builder.build();
        // "Interpreted" when the JVM has no Graal compiler (no JVMCI options): then nothing is compiled
        this.optimizing = optimize && !engine.getImplementationName().contains("Interpreted");
    }

    @Override
    public WasmFunction load(String name, byte[] wasm, FunctionSettings settings) {
        CompiledModule checked = inspector.compile(name, wasm);
        CapsuleHostFunctions host = new CapsuleHostFunctions(name, settings, services, pings, checked.shape().generation());
        return new GraalWasmFunction(name, wasm, checked, settings, host, engine, optimizing, watchdog);
    }

    @Override
    public void close() {
        engine.close(true);
    }
}
