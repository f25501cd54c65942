// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import io.capaee.api.wasm.AbiGeneration;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed module against the Capsule 0.1.x guest ABI before it is instantiated, so that
 * a bad module fails at deployment with a message naming what is missing, not at its first call.
 */
public final class ModuleInspector {
    private static final FunctionType I32_TO_I32 = FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final FunctionType CALL_HANDLE = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64));
    private static final Set<String> HOST_MODULES = Set.of(CapsuleHostFunctions.MODULE, "wasi_snapshot_preview1");

    private ModuleInspector() {}

    public static ModuleShape inspect(WasmModule module, Map<String, FunctionType> hostFunctions) {
        Map<String, FunctionType> exports = exportedFunctions(module);
        if (module.memorySection().isEmpty() || module.memorySection().get().memoryCount() == 0) {
            throw missing("an exported linear memory named 'memory'");
        }
        require(exports, "_start", FunctionType.empty());
        require(exports, "malloc", I32_TO_I32);
        require(exports, "allocateBuffer", I32_TO_I32);
        boolean cli = exports.containsKey("callHandle");
        if (cli) {
            require(exports, "callHandle", CALL_HANDLE);
        }
        FunctionType http = exports.get("callHandleHttp");
        AbiGeneration generation = AbiGeneration.V0_1_3;
        if (http != null) {
            generation = generationOf(http);
        }
        if (!cli && http == null) {
            throw missing("a handler export: callHandle (CLI) or callHandleHttp (HTTP)");
        }
        checkImports(module, hostFunctions);
        MemoryLimits limits = module.memorySection().get().getMemory(0).limits();
        int declaredMax = limits.maximumPages() >= MemoryLimits.MAX_PAGES ? -1 : limits.maximumPages();
        return new ModuleShape(generation, cli, http != null, limits.initialPages(), declaredMax);
    }

    private static AbiGeneration generationOf(FunctionType http) {
        for (AbiGeneration g : AbiGeneration.values()) {
            if (http.params().size() == g.httpHandlerParams()
                    && http.params().stream().allMatch(ValType.I32::equals)
                    && http.returns().equals(List.of(ValType.I64))) {
                return g;
            }
        }
        throw new WasmFunctionException(Reason.MISSING_EXPORT,
                "export callHandleHttp has type " + http + "; Capsule 0.1.3 guests take 4 i32, 0.1.9 guests 8 i32, both return i64");
    }

    private static void checkImports(WasmModule module, Map<String, FunctionType> hostFunctions) {
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (!HOST_MODULES.contains(imp.module())) {
                throw unlinkable(imp.module() + "." + imp.name() + ": no host provides module '" + imp.module() + "'");
            }
            if (!imp.module().equals(CapsuleHostFunctions.MODULE)) {
                continue; // WASI preview1 is provided whole by Chicory and checked when linking.
            }
            FunctionType provided = hostFunctions.get(imp.name());
            if (provided == null || imp.importType() != ExternalType.FUNCTION) {
                throw unlinkable("env." + imp.name() + ": no such host function (Capsule 0.1.x provides " + hostFunctions.keySet() + ")");
            }
            FunctionType wanted = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            if (!wanted.typesMatch(provided)) {
                throw unlinkable("env." + imp.name() + " is imported as " + wanted + " but the host provides " + provided);
            }
        }
    }

    private static Map<String, FunctionType> exportedFunctions(WasmModule module) {
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        List<FunctionType> importTypes = module.importSection().stream()
                .filter(i -> i.importType() == ExternalType.FUNCTION)
                .map(i -> module.typeSection().getType(((FunctionImport) i).typeIndex()))
                .toList();
        Map<String, FunctionType> result = new HashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            int index = export.index();
            FunctionType type = index < importedFunctions
                    ? importTypes.get(index)
                    : module.functionSection().getFunctionType(index - importedFunctions, module.typeSection());
            result.put(export.name(), type);
        }
        return result;
    }

    private static void require(Map<String, FunctionType> exports, String name, FunctionType type) {
        FunctionType actual = exports.get(name);
        if (actual == null) {
            throw missing("export '" + name + "' " + type);
        }
        if (!actual.typesMatch(type)) {
            throw new WasmFunctionException(Reason.MISSING_EXPORT, "export '" + name + "' has type " + actual + ", expected " + type);
        }
    }

    private static WasmFunctionException missing(String what) {
        return new WasmFunctionException(Reason.MISSING_EXPORT, "not a Capsule 0.1.x module: it lacks " + what);
    }

    private static WasmFunctionException unlinkable(String what) {
        return new WasmFunctionException(Reason.INSTANTIATION, "unresolved import " + what);
    }
}
