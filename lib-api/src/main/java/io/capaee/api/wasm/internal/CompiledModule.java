// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Optional;
import java.util.function.Function;

/**
 * A validated module, translated to JVM bytecode once so that every instance reuses it.
 *
 * @param module the parsed module
 * @param shape what the ABI inspection found
 * @param machineFactory the compiled machine; empty when the interpreter runs it
 * @param sha256 hex digest of the module bytes
 * @param size the module's size in bytes
 */
public record CompiledModule(
        WasmModule module,
        ModuleShape shape,
        Optional<Function<Instance, Machine>> machineFactory,
        String sha256,
        int size) {

    public boolean compiled() {
        return machineFactory.isPresent();
    }
}
