// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.testing.Guests;
import io.capaee.api.wasm.WasmFunctionException;
import org.junit.jupiter.api.Test;

class ModuleCompilerTest {
    private final ModuleCompiler compiler = new ModuleCompiler(true, CapsuleHostFunctions.signatures());

    @Test
    void theSameBytesAreCompiledOnceWhateverTheFunctionIsCalled() {
        CompiledModule first = compiler.compile("hello/v1", Guests.bytes("hello-http"));

        assertSame(first, compiler.compile("hello/v2", Guests.bytes("hello-http")));
        assertNotSame(first, compiler.compile("hello/v9", Guests.bytes("hello-http-v9")));
    }

    @Test
    void aModuleThatDoesNotCompileIsRefusedEveryTime() {
        byte[] invalid = Guests.bytes("invalid");

        assertThrows(WasmFunctionException.class, () -> compiler.compile("bad", invalid));
        WasmFunctionException again = assertThrows(WasmFunctionException.class, () -> compiler.compile("bad-again", invalid));
        assertEquals(WasmFunctionException.Reason.INVALID_MODULE, again.reason());
    }
}
