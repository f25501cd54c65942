// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import io.capaee.api.wasm.AbiGeneration;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import io.capaee.api.wasm.capsule.GuestHttpRequest;
import java.nio.charset.StandardCharsets;

/** Strings in and out of a guest's linear memory, by the Capsule ABI (spec section 1.2), on any engine. */
public final class GuestMemory {
    private GuestMemory() {}

    /** Reads the UTF-8 string at (ptr, len); a pointer outside memory is a host-function failure. */
    public static String read(GuestAbi guest, long ptr, long len) {
        int p = (int) ptr;
        int n = (int) len;
        if (p < 0 || n < 0 || (long) p + n > guest.memoryBytes()) {
            throw new WasmFunctionException(Reason.HOST_FUNCTION,
                    "guest passed a string outside its memory (offset " + Integer.toUnsignedString(p) + ", length " + Integer.toUnsignedString(n) + ")");
        }
        return n == 0 ? "" : new String(guest.read(p, n), StandardCharsets.UTF_8);
    }

    /**
     * Hands a host result to the guest: {@code allocateBuffer(n)}, then the pointer and length as
     * little-endian u32 at the two out-parameter addresses, then the bytes. For an empty result
     * one byte is allocated: Capsule's SDK traps on {@code allocateBuffer(0)} (spec B1), and the
     * guest still reads length 0.
     */
    public static void returnString(GuestAbi guest, long retPtrAddr, long retLenAddr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int ptr = guest.allocateBuffer(Math.max(bytes.length, 1));
        guest.write(ptr, bytes);
        guest.writeI32((int) retPtrAddr, ptr);
        guest.writeI32((int) retLenAddr, bytes.length);
    }

    /** Calls {@code callHandle} with the CLI arguments already joined by {@code °}. */
    public static String callHandle(GuestAbi guest, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int ptr = place(guest, bytes);
        String result = readPacked(guest, guest.callHandle(ptr, bytes.length));
        guest.free(ptr);
        return result;
    }

    /** Calls {@code callHandleHttp} with the arity of the module's generation. */
    public static String callHandleHttp(GuestAbi guest, AbiGeneration generation, GuestHttpRequest request) {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        byte[] headers = request.headers().getBytes(StandardCharsets.UTF_8);
        int bodyPtr = place(guest, body);
        int headersPtr = place(guest, headers);
        if (generation == AbiGeneration.V0_1_3) {
            return readPacked(guest, guest.callHandleHttp(bodyPtr, body.length, headersPtr, headers.length));
        }
        byte[] uri = request.uri().getBytes(StandardCharsets.UTF_8);
        byte[] method = request.method().getBytes(StandardCharsets.UTF_8);
        int uriPtr = place(guest, uri);
        int methodPtr = place(guest, method);
        return readPacked(guest, guest.callHandleHttp(bodyPtr, body.length, uriPtr, uri.length, headersPtr, headers.length, methodPtr, method.length));
    }

    /** Places an input string for an export: {@code malloc(n)} and a copy; returns the pointer. */
    private static int place(GuestAbi guest, byte[] bytes) {
        int ptr = guest.malloc(bytes.length);
        if (bytes.length > 0) {
            guest.write(ptr, bytes);
        }
        return ptr;
    }

    /** Unpacks an export's i64 result, (pointer << 32) | length, and reads the string. */
    private static String readPacked(GuestAbi guest, long packed) {
        return read(guest, packed >>> 32, packed & 0xFFFFFFFFL);
    }
}
