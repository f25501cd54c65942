// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.capaee.testing.Guests;
import org.junit.jupiter.api.Test;

class MemoryCapTest {
    @Test
    void aModuleWithoutMaximumGetsTheLimitAndKeepsEverythingElse() {
        byte[] original = Guests.bytes("hostcalls");
        WasmModule before = Parser.parse(original);

        WasmModule after = Parser.parse(MemoryCap.apply(original, 300));

        MemoryLimits limits = after.memorySection().get().getMemory(0).limits();
        assertEquals(before.memorySection().get().getMemory(0).limits().initialPages(), limits.initialPages());
        assertEquals(300, limits.maximumPages());
        assertEquals(before.exportSection().exportCount(), after.exportSection().exportCount());
        assertEquals(before.codeSection().functionBodyCount(), after.codeSection().functionBodyCount());
        assertEquals(before.dataSection().dataSegmentCount(), after.dataSection().dataSegmentCount());
    }

    @Test
    void aDeclaredMaximumIsReplaced() {
        byte[] capped = MemoryCap.apply(Guests.bytes("compute"), 70000 / 1000);

        assertEquals(70, Parser.parse(MemoryCap.apply(capped, 70)).memorySection().get().getMemory(0).limits().maximumPages());
        assertEquals(5, Parser.parse(MemoryCap.apply(capped, 5)).memorySection().get().getMemory(0).limits().maximumPages());
    }
}
