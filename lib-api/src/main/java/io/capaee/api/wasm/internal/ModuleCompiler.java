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
import java.lang.ref.WeakReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parses, checks and compiles modules: bytecode translation first, the interpreter as fallback.
 * A module is compiled once per digest while any function uses it: a hundred revisions of one
 * module (a restart that deploys them all again) share one translation, which takes 0.1 to 0.5 s
 * each; with a {@link CompiledModuleCache}, a restart loads the translation from disk instead. Only
 * the immutable result is shared; every function still starts its own instances.
 */
public final class ModuleCompiler {
    private static final Logger LOG = Logger.getLogger(ModuleCompiler.class.getName());

    private final boolean useCompiler;
    private final Map<String, FunctionType> hostFunctions;
    private final Optional<CompiledModuleCache> cache;
    /** sha256 to the module compiled from those bytes; weak, so a module no function uses is collected. */
    private final Map<String, WeakReference<CompiledModule>> compiled = new ConcurrentHashMap<>();

    /**
     * @param useCompiler false forces the interpreter (for comparison and as an escape hatch)
     * @param hostFunctions the host functions a module may import, by name
     */
    public ModuleCompiler(boolean useCompiler, Map<String, FunctionType> hostFunctions) {
        this(useCompiler, hostFunctions, Optional.empty());
    }

    /**
     * @param cache where translations are kept across restarts; empty translates every module
     *     again after a restart
     */
    public ModuleCompiler(boolean useCompiler, Map<String, FunctionType> hostFunctions, Optional<CompiledModuleCache> cache) {
        this.useCompiler = useCompiler;
        this.hostFunctions = Map.copyOf(hostFunctions);
        this.cache = cache;
    }

    /** The module of {@code bytes}, compiled now or by an earlier call with the same bytes. */
    public CompiledModule compile(String name, byte[] bytes) {
        String sha256 = sha256(bytes);
        WeakReference<CompiledModule> earlier = compiled.get(sha256);
        CompiledModule module = earlier == null ? null : earlier.get();
        if (module == null) {
            module = compileNow(name, bytes, sha256);
            compiled.values().removeIf(ref -> ref.get() == null);
            compiled.put(sha256, new WeakReference<>(module));
        }
        return module;
    }

    private CompiledModule compileNow(String name, byte[] bytes, String sha256) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new WasmFunctionException(Reason.INVALID_MODULE, "'" + name + "' is not a valid wasm module: " + e.getMessage(), e);
        }
        ModuleShape shape = ModuleInspector.inspect(module, hostFunctions);
        Optional<Function<Instance, Machine>> whole = useCompiler ? wholeTranslation(name, module) : Optional.empty();
        if (whole.isPresent()) {
            return CodeFreeModule.of(module, whole.get())
                    .map(free -> new CompiledModule(free.module(), shape, Optional.of(free.machineFactory()), sha256, bytes.length))
                    .orElseGet(() -> new CompiledModule(module, shape, whole, sha256, bytes.length));
        }
        return new CompiledModule(module, shape, machineFactory(name, module), sha256, bytes.length);
    }

    /**
     * The translation of every function, or empty when some function is too large for one JVM method
     * (then {@link #machineFactory} translates the rest and leaves those to the interpreter, which needs
     * the module's code: such a module is translated twice, once here until the large function).
     */
    private Optional<Function<Instance, Machine>> wholeTranslation(String name, WasmModule module) {
        CompiledModuleCache kept = module.digest() == null ? null : cache.orElse(null);
        try {
            MachineFactoryCompiler.Builder builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL);
            return Optional.of((kept == null ? builder : builder.withCache(CodeFreeModule.keyed(kept))).compile());
        } catch (RuntimeException | LinkageError e) {
            if (kept != null && kept.holds(CodeFreeModule.keyOf(module.digest()))) {
                // a translation that fails writes no entry: one that is there did not load (a damaged file)
                LOG.log(Level.WARNING, "wasm function {0}: the compiled-module cache entry did not load ({1}); compiling it again",
                        new Object[] {name, e.toString()});
                kept.remove(CodeFreeModule.keyOf(module.digest()));
            }
            return Optional.empty();
        }
    }

    private Optional<Function<Instance, Machine>> machineFactory(String name, WasmModule module) {
        if (!useCompiler) {
            return Optional.empty();
        }
        CompiledModuleCache kept = module.digest() == null ? null : cache.orElse(null);
        try {
            return Optional.of(translate(module, kept));
        } catch (RuntimeException | LinkageError e) {
            if (kept != null && kept.holds(module.digest())) {
                // a compile that fails writes no entry: one that is there did not load (a damaged file)
                LOG.log(Level.WARNING, "wasm function {0}: the compiled-module cache entry did not load ({1}); compiling it again",
                        new Object[] {name, e.toString()});
                kept.remove(module.digest());
                if (!kept.holds(module.digest())) {
                    return machineFactory(name, module); // once: a compile that fails now writes no entry
                }
            }
            LOG.log(Level.WARNING, "wasm function {0}: bytecode compilation failed ({1}); running it in the interpreter",
                    new Object[] {name, e.toString()});
            return Optional.empty();
        }
    }

    /** Chicory's translation; with a cache, loaded from it when there, and kept in it when not. */
    private static Function<Instance, Machine> translate(WasmModule module, CompiledModuleCache cache) {
        // WARN: functions too large for one JVM method run interpreted, the rest compiled.
        MachineFactoryCompiler.Builder builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.WARN);
        return (cache == null ? builder : builder.withCache(cache)).compile();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
