// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

/**
 * What the Capsule 0.1.x ABI needs of one running guest, whatever engine runs it: its linear
 * memory and the exports the host calls. {@link GuestMemory} and {@link CapsuleHostFunctions}
 * are written against this alone, so Chicory and any other engine share them. A failure of the
 * guest inside one of these calls is the engine's own exception; {@link #allocateBuffer} turns
 * it into a {@link io.capaee.api.wasm.WasmFunctionException}.
 */
public interface GuestAbi {
    /** The current size of linear memory in bytes. */
    long memoryBytes();

    /** Copies {@code length} bytes at {@code address}; the caller checked they lie inside memory. */
    byte[] read(int address, int length);

    void write(int address, byte[] bytes);

    /** Writes a little-endian i32. */
    void writeI32(int address, int value);

    /** The guest's {@code malloc}: room for an input of {@code size} bytes. */
    int malloc(int size);

    /** The guest's {@code allocateBuffer}: room for a host function's result. */
    int allocateBuffer(int size);

    /** The guest's {@code free}, when it exports one. */
    void free(int address);

    /** The guest's {@code callHandle(ptr, len)}: (pointer << 32) | length of its result. */
    long callHandle(int address, int length);

    /** The guest's {@code callHandleHttp} with the arity of its ABI generation. */
    long callHandleHttp(int... pointersAndLengths);
}
