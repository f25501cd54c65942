// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.compiler.Cache;
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
import java.util.function.UnaryOperator;
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
        if (!useCompiler) {
            return new CompiledModule(module, shape, Optional.empty(), sha256, bytes.length);
        }
        // FAIL: empty when some function is too large for one JVM method; such a module is translated
        // again below (once here until the large function), keeping its code for the interpreter
        Optional<Function<Instance, Machine>> whole = translation(name, module, InterpreterFallback.FAIL, CodeFreeModule::keyOf);
        if (whole.isPresent()) {
            return CodeFreeModule.of(module, whole.get())
                    .map(free -> new CompiledModule(free.module(), shape, Optional.of(free.machineFactory()), sha256, bytes.length))
                    .orElseGet(() -> new CompiledModule(module, shape, whole, sha256, bytes.length));
        }
        // WARN: functions too large for one JVM method run interpreted, the rest compiled
        Optional<Function<Instance, Machine>> partial = translation(name, module, InterpreterFallback.WARN, UnaryOperator.identity());
        if (partial.isEmpty()) {
            LOG.log(Level.WARNING, "wasm function {0}: bytecode compilation failed; running it in the interpreter", name);
        }
        return new CompiledModule(module, shape, partial, sha256, bytes.length);
    }

    /**
     * Chicory's translation with {@code fallback}; with a cache, loaded from it (under {@code key} of the
     * module's digest) when there, and kept in it when not. Empty when it fails.
     */
    private Optional<Function<Instance, Machine>> translation(String name, WasmModule module, InterpreterFallback fallback,
            UnaryOperator<String> key) {
        CompiledModuleCache kept = module.digest() == null ? null : cache.orElse(null);
        MachineFactoryCompiler.Builder builder = MachineFactoryCompiler.builder(module).withInterpreterFallback(fallback);
        try {
            return Optional.of((kept == null ? builder : builder.withCache(keyed(kept, key))).compile());
        } catch (RuntimeException | LinkageError e) {
            String entry = kept == null ? null : key.apply(module.digest());
            if (entry != null && kept.holds(entry)) {
                // a translation that fails writes no entry: one that is there did not load (a damaged file)
                LOG.log(Level.WARNING, "wasm function {0}: the compiled-module cache entry did not load ({1}); compiling it again",
                        new Object[] {name, e.toString()});
                kept.remove(entry);
                if (!kept.holds(entry)) {
                    return translation(name, module, fallback, key); // once: a translation that fails now writes no entry
                }
            }
            LOG.log(Level.FINE, "wasm function {0}: translation with {1} failed: {2}", new Object[] {name, fallback, e.toString()});
            return Optional.empty();
        }
    }

    /** {@code cache} as Chicory asks it, each key mapped by {@code key}. */
    private static Cache keyed(CompiledModuleCache cache, UnaryOperator<String> key) {
        return new Cache() {
            @Override
            public byte[] get(String digest) {
                return cache.get(key.apply(digest));
            }

            @Override
            public void putIfAbsent(String digest, byte[] data) {
                cache.putIfAbsent(key.apply(digest), data);
            }
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
