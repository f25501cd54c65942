// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Arrays;

/**
 * Linear memory that keeps no record of writes: a restore copies the whole snapshot back. For
 * guests whose memory after {@code _start} is small, that copy (4 us for 128 KiB) costs less than
 * marking every write, which slows memory-bound guest code by about a third
 * ({@link DirtyChunkMemory} is for the large ones).
 */
public final class FlatMemory extends LinearMemory {
    /** Public for bench/compute (CHICORY_MEMORY=flat); the engine creates it in GuestInstance. */
    public FlatMemory(MemoryLimits limits) {
        super(limits);
    }

    @Override
    void clean() {
        // nothing recorded
    }

    @Override
    void restore(byte[] snapshot) {
        shrinkTo(snapshot.length);
        System.arraycopy(snapshot, 0, bytes, 0, snapshot.length);
    }

    @Override
    void grown(int capacity) {
        // nothing recorded per chunk
    }

    @Override
    public void write(int address, byte[] data, int offset, int length) {
        checkSource(data, offset, length);
        checkRange(address, length);
        System.arraycopy(data, offset, bytes, address, length);
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        bytes[address] = value;
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        SHORT.set(bytes, address, value);
    }

    @Override
    public void writeI32(int address, int value) {
        check(address, 4);
        INT.set(bytes, address, value);
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        LONG.set(bytes, address, value);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        checkRange(fromIndex, toIndex - fromIndex);
        Arrays.fill(bytes, fromIndex, toIndex, value);
    }

    @Override
    public void copy(int dest, int src, int length) {
        checkRange(src, length);
        checkRange(dest, length);
        System.arraycopy(bytes, src, bytes, dest, length); // overlap-safe
    }
}
