// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.graal;

import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import io.capaee.api.wasm.internal.GuestAbi;
import java.nio.ByteOrder;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** One GraalWasm instance seen through {@link GuestAbi}: its exports and its memory, a polyglot buffer. */
final class GraalGuest implements GuestAbi {
    private final Value memory;
    private final Value malloc;
    private final Value allocateBuffer;
    private final Value free;
    private final Value callHandle;
    private final Value callHandleHttp;
    private final Value start;

    GraalGuest(Value exports) {
        this.memory = exports.getMember("memory");
        this.malloc = exports.getMember("malloc");
        this.allocateBuffer = exports.getMember("allocateBuffer");
        this.free = exports.getMember("free"); // optional: null when not exported
        this.callHandle = exports.getMember("callHandle");
        this.callHandleHttp = exports.getMember("callHandleHttp");
        this.start = exports.getMember("_start");
    }

    /** Runs {@code _start}. */
    void start() {
        start.executeVoid();
    }

    @Override
    public long memoryBytes() {
        return memory.getBufferSize();
    }

    @Override
    public byte[] read(int address, int length) {
        byte[] bytes = new byte[length];
        memory.readBuffer(address, bytes, 0, length);
        return bytes;
    }

    @Override
    public void write(int address, byte[] bytes) {
        // the polyglot buffer API has no bulk write: eight bytes at a time, then the rest
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            long word = 0;
            for (int b = 7; b >= 0; b--) {
                word = (word << 8) | (bytes[i + b] & 0xffL);
            }
            memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, address + (long) i, word);
        }
        for (; i < bytes.length; i++) {
            memory.writeBufferByte(address + (long) i, bytes[i]);
        }
    }

    @Override
    public void writeI32(int address, int value) {
        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, Integer.toUnsignedLong(address), value);
    }

    @Override
    public int malloc(int size) {
        return malloc.execute(size).asInt();
    }

    @Override
    public int allocateBuffer(int size) {
        try {
            return allocateBuffer.execute(size).asInt();
        } catch (PolyglotException e) {
            if (e.isHostException() || e.isCancelled()) {
                throw e;
            }
            throw new WasmFunctionException(Reason.TRAP, "guest allocateBuffer(" + size + ") failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void free(int address) {
        if (free != null) {
            free.executeVoid(address);
        }
    }

    @Override
    public long callHandle(int address, int length) {
        return callHandle.execute(address, length).asLong();
    }

    @Override
    public long callHandleHttp(int... pointersAndLengths) {
        Object[] args = new Object[pointersAndLengths.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = pointersAndLengths[i];
        }
        return callHandleHttp.execute(args).asLong();
    }
}
