// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import java.io.ByteArrayOutputStream;

/**
 * Rewrites a module's own memory maximum to the function's limit, for engines that take no
 * memory limit of their own: the guest's {@code memory.grow} past it then fails inside the
 * engine, exactly as a module declaring that maximum. Only the memory section changes; the
 * module was parsed and checked before (one defined memory, limits of the 32-bit kind).
 */
public final class MemoryCap {
    private static final int MEMORY_SECTION = 5;

    private MemoryCap() {}

    /** {@code wasm} with its first memory's maximum set to {@code maxPages}. */
    public static byte[] apply(byte[] wasm, int maxPages) {
        int pos = 8; // magic and version
        while (pos < wasm.length) {
            int id = wasm[pos] & 0xff;
            long[] size = leb(wasm, pos + 1);
            int body = (int) size[1];
            int end = body + (int) size[0];
            if (id == MEMORY_SECTION) {
                return withSection(wasm, pos, end, memorySection(wasm, body, end, maxPages));
            }
            pos = end;
        }
        throw new WasmFunctionException(Reason.MISSING_EXPORT, "not a Capsule 0.1.x module: it lacks a linear memory");
    }

    private static byte[] memorySection(byte[] wasm, int body, int end, int maxPages) {
        long[] count = leb(wasm, body);
        int flags = wasm[(int) count[1]] & 0xff;
        if (count[0] < 1 || flags > 1) {
            throw new WasmFunctionException(Reason.INVALID_MODULE, "memory limits of kind " + flags + " are not supported by this engine");
        }
        long[] min = leb(wasm, (int) count[1] + 1);
        int rest = (int) min[1];
        if (flags == 1) {
            rest = (int) leb(wasm, rest)[1];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLeb(out, count[0]);
        out.write(1);
        writeLeb(out, min[0]);
        writeLeb(out, maxPages);
        out.write(wasm, rest, end - rest); // further memories (none in a valid 1.0 module)
        return out.toByteArray();
    }

    private static byte[] withSection(byte[] wasm, int start, int end, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 8);
        out.write(wasm, 0, start);
        out.write(MEMORY_SECTION);
        writeLeb(out, content.length);
        out.write(content, 0, content.length);
        out.write(wasm, end, wasm.length - end);
        return out.toByteArray();
    }

    /** An unsigned LEB128 at {@code pos}: {value, position after it}. */
    private static long[] leb(byte[] wasm, int pos) {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = wasm[pos++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return new long[] {value, pos};
    }

    private static void writeLeb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
    }
}
