// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Parses, checks and compiles modules: bytecode translation first, the interpreter as fallback. */
public final class ModuleCompiler {
    private static final Logger LOG = Logger.getLogger(ModuleCompiler.class.getName());

    private final boolean useCompiler;

    /** @param useCompiler false forces the interpreter (for comparison and as an escape hatch) */
    public ModuleCompiler(boolean useCompiler) {
        this.useCompiler = useCompiler;
    }

    public CompiledModule compile(String name, byte[] bytes, Map<String, FunctionType> hostFunctions) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new WasmFunctionException(Reason.INVALID_MODULE, "'" + name + "' is not a valid wasm module: " + e.getMessage(), e);
        }
        ModuleShape shape = ModuleInspector.inspect(module, hostFunctions);
        return new CompiledModule(module, shape, machineFactory(name, module), sha256(bytes), bytes.length);
    }

    private Optional<Function<Instance, Machine>> machineFactory(String name, WasmModule module) {
        if (!useCompiler) {
            return Optional.empty();
        }
        try {
            // WARN: functions too large for one JVM method run interpreted, the rest compiled.
            return Optional.of(MachineFactoryCompiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.WARN)
                    .compile());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "wasm function {0}: bytecode compilation failed ({1}); running it in the interpreter",
                    new Object[] {name, e.toString()});
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
