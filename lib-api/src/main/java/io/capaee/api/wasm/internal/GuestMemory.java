// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import java.nio.charset.StandardCharsets;

/** Strings in and out of a guest's linear memory, by the Capsule ABI (spec section 1.2). */
final class GuestMemory {
    private GuestMemory() {}

    /** Reads the UTF-8 string at (ptr, len); a pointer outside memory is a host-function failure. */
    static String read(Instance instance, long ptr, long len) {
        Memory memory = instance.memory();
        int p = (int) ptr;
        int n = (int) len;
        if (p < 0 || n < 0 || (long) p + n > (long) memory.pages() * Memory.PAGE_SIZE) {
            throw new WasmFunctionException(Reason.HOST_FUNCTION,
                    "guest passed a string outside its memory (offset " + Integer.toUnsignedString(p) + ", length " + Integer.toUnsignedString(n) + ")");
        }
        return n == 0 ? "" : new String(memory.readBytes(p, n), StandardCharsets.UTF_8);
    }

    /**
     * Hands a host result to the guest: {@code allocateBuffer(n)}, then the pointer and length as
     * little-endian u32 at the two out-parameter addresses, then the bytes. For an empty result
     * one byte is allocated: Capsule's SDK traps on {@code allocateBuffer(0)} (spec B1), and the
     * guest still reads length 0.
     */
    static void returnString(Instance instance, long retPtrAddr, long retLenAddr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long[] allocated;
        try {
            allocated = instance.export("allocateBuffer").apply(Math.max(bytes.length, 1));
        } catch (ChicoryException e) {
            throw new WasmFunctionException(Reason.TRAP, "guest allocateBuffer(" + bytes.length + ") failed: " + e.getMessage(), e);
        }
        int ptr = (int) allocated[0];
        Memory memory = instance.memory();
        memory.write(ptr, bytes);
        memory.writeI32((int) retPtrAddr, ptr);
        memory.writeI32((int) retLenAddr, bytes.length);
    }

    /** Places an input string for an export: {@code malloc(n)} and a copy; returns the pointer. */
    static int place(Instance instance, com.dylibso.chicory.runtime.ExportFunction malloc, byte[] bytes) {
        int ptr = (int) malloc.apply(bytes.length)[0];
        if (bytes.length > 0) {
            instance.memory().write(ptr, bytes);
        }
        return ptr;
    }

    /** Unpacks an export's i64 result, (pointer << 32) | length, and reads the string. */
    static String readPacked(Instance instance, long packed) {
        return read(instance, packed >>> 32, packed & 0xFFFFFFFFL);
    }
}
