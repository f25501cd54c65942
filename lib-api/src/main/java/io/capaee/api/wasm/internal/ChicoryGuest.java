// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;

/** A Chicory instance seen through {@link GuestAbi}; exports are looked up when first used. */
final class ChicoryGuest implements GuestAbi {
    private final Instance instance;
    private ExportFunction malloc;
    private ExportFunction allocateBuffer;
    private ExportFunction callHandle;
    private ExportFunction callHandleHttp;
    private ExportFunction free;
    private boolean freeLooked;

    ChicoryGuest(Instance instance) {
        this.instance = instance;
    }

    @Override
    public long memoryBytes() {
        return (long) instance.memory().pages() * Memory.PAGE_SIZE;
    }

    @Override
    public byte[] read(int address, int length) {
        return instance.memory().readBytes(address, length);
    }

    @Override
    public void write(int address, byte[] bytes) {
        instance.memory().write(address, bytes);
    }

    @Override
    public void writeI32(int address, int value) {
        instance.memory().writeI32(address, value);
    }

    @Override
    public int malloc(int size) {
        if (malloc == null) {
            malloc = instance.export("malloc");
        }
        return (int) malloc.apply(size)[0];
    }

    @Override
    public int allocateBuffer(int size) {
        if (allocateBuffer == null) {
            allocateBuffer = instance.export("allocateBuffer");
        }
        try {
            return (int) allocateBuffer.apply(size)[0];
        } catch (ChicoryException e) {
            throw new WasmFunctionException(Reason.TRAP, "guest allocateBuffer(" + size + ") failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void free(int address) {
        if (!freeLooked) {
            freeLooked = true;
            try {
                free = instance.export("free");
            } catch (RuntimeException e) {
                free = null; // free is optional: TinyGo's is a no-op anyway
            }
        }
        if (free != null) {
            free.apply(address);
        }
    }

    @Override
    public long callHandle(int address, int length) {
        if (callHandle == null) {
            callHandle = instance.export("callHandle"); // the inspector made sure it exists when called
        }
        return callHandle.apply(address, length)[0];
    }

    @Override
    public long callHandleHttp(int... pointersAndLengths) {
        if (callHandleHttp == null) {
            callHandleHttp = instance.export("callHandleHttp");
        }
        long[] args = new long[pointersAndLengths.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = pointersAndLengths[i];
        }
        return callHandleHttp.apply(args)[0];
    }
}
