// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compiled module without its parsed code. Chicory's parser makes an object per instruction, about
 * 28 times the module's size on the heap (283 MiB for a 10 MB module, {@code bench/deploy.sh}), and its
 * compiled-machine factory keeps that tree for as long as the module is used, although compiled code
 * never reads it. When every function was compiled (none left to the interpreter), the instances can
 * be built from a copy of the module whose function bodies are empty and from the factory's inner
 * machine constructor, and the tree is collected. Chicory has no option for this; the factory's class
 * is internal to it, so a Chicory whose factory is not that class keeps the whole module.
 */
final class CodeFreeModule {
    /**
     * Cache entries of compilations that left no function to the interpreter are kept under keys of
     * their own (Chicory's key marked: a file {@code sha256codefree-<hex>.jar} beside {@code sha256-<hex>.jar}): an entry
     * written by a compilation with interpreted functions must never lose its code.
     */
    private static final String KEY_MARK = "codefree:";

    private CodeFreeModule() {}

    /** The cache key of a code-free compilation's classes: Chicory's {@code <algorithm>:<digest>}, marked. */
    static String keyOf(String digest) {
        return digest.replaceFirst(":", KEY_MARK);
    }

    /**
     * The module without its code and the machine constructor that does not hold it, for a factory
     * compiled with no interpreted function; empty when the factory is not Chicory's own class.
     */
    static Optional<Translated> of(WasmModule module, Function<Instance, Machine> factory) {
        if (!(factory instanceof MachineFactory chicoryFactory)) {
            return Optional.empty();
        }
        CodeSection.Builder code = CodeSection.builder().setRequiresDataCount(module.codeSection().isRequiresDataCount());
        for (FunctionBody body : module.codeSection().functionBodies()) {
            code.addFunctionBody(new FunctionBody(body.localTypes(), List.of()));
        }
        // already validated with its code; without it, validation would refuse the empty bodies
        WasmModule.Builder copy = WasmModule.builder().withValidation(false)
                .setTypeSection(module.typeSection())
                .setImportSection(module.importSection())
                .setFunctionSection(module.functionSection())
                .setTableSection(module.tableSection())
                .setGlobalSection(module.globalSection())
                .setExportSection(module.exportSection())
                .setElementSection(module.elementSection())
                .setCodeSection(code.build())
                .setDataSection(module.dataSection());
        module.memorySection().ifPresent(copy::setMemorySection);
        module.startSection().ifPresent(copy::setStartSection);
        module.dataCountSection().ifPresent(copy::setDataCountSection);
        module.tagSection().ifPresent(copy::setTagSection);
        module.customSections().forEach(section -> copy.addCustomSection(section.name(), section));
        if (module.digest() != null) {
            copy.withDigest(module.digest());
        }
        return Optional.of(new Translated(copy.build(), chicoryFactory.machineFactory()));
    }

    /** A module and the machine constructor its instances use. */
    record Translated(WasmModule module, Function<Instance, Machine> machineFactory) {}
}
