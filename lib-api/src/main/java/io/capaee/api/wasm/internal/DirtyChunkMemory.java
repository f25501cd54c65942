// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Arrays;

/**
 * Linear memory that remembers which {@value #CHUNK}-byte chunks were written since the last
 * {@link #restore}, so that putting an instance back to its snapshot copies only what the call
 * changed (a few KiB for a small HTTP call) instead of all of memory (megabytes for TinyGo
 * guests) on every call. The marks cost memory-bound guest code about a third of its speed,
 * so the engine uses this only where the snapshot is large ({@link FlatMemory} otherwise).
 */
public final class DirtyChunkMemory extends LinearMemory {
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK = 1 << CHUNK_SHIFT;

    /** One mark per chunk of the array. */
    private byte[] dirty;

    /** Public for bench/compute (CHICORY_MEMORY=dirtychunk); the engine creates it in GuestInstance. */
    public DirtyChunkMemory(MemoryLimits limits) {
        super(limits);
        this.dirty = new byte[bytes.length >>> CHUNK_SHIFT];
    }

    @Override
    void clean() {
        Arrays.fill(dirty, (byte) 0);
    }

    /**
     * Copies the chunks written since the last {@code clean}/{@code restore} back from the
     * snapshot, in runs of adjacent chunks; what was written past it (memory the guest grew,
     * zero in the snapshot's terms) is zeroed by shrinking.
     */
    @Override
    void restore(byte[] snapshot) {
        int snapshotChunks = snapshot.length >>> CHUNK_SHIFT;
        byte[] d = dirty;
        int n = Math.min(d.length, snapshotChunks);
        int c = 0;
        while (c < n) {
            if (d[c] == 0) {
                c++;
                continue;
            }
            int start = c;
            while (c < n && d[c] != 0) {
                d[c] = 0;
                c++;
            }
            System.arraycopy(snapshot, start << CHUNK_SHIFT, bytes, start << CHUNK_SHIFT, (c - start) << CHUNK_SHIFT);
        }
        if (size > snapshot.length) {
            Arrays.fill(d, snapshotChunks, Math.min(d.length, size >>> CHUNK_SHIFT), (byte) 0);
            shrinkTo(snapshot.length); // zeroes all of the grown part: cheaper than zeroing by marks
        }
    }

    @Override
    void grown(int capacity) {
        dirty = Arrays.copyOf(dirty, capacity >>> CHUNK_SHIFT);
    }

    private void mark(int address, int length) {
        if (length <= 0) {
            return;
        }
        int last = (int) ((Integer.toUnsignedLong(address) + length - 1) >>> CHUNK_SHIFT);
        for (int c = address >>> CHUNK_SHIFT; c <= last; c++) {
            dirty[c] = 1;
        }
    }

    // ---------------------------------------------------------------- writes: check, write, mark

    @Override
    public void write(int address, byte[] data, int offset, int length) {
        checkSource(data, offset, length);
        checkRange(address, length);
        System.arraycopy(data, offset, bytes, address, length);
        mark(address, length);
    }

    @Override
    public void writeByte(int address, byte value) {
        check(address, 1);
        bytes[address] = value;
        dirty[address >>> CHUNK_SHIFT] = 1;
    }

    @Override
    public void writeShort(int address, short value) {
        check(address, 2);
        SHORT.set(bytes, address, value);
        dirty[address >>> CHUNK_SHIFT] = 1;
        dirty[(address + 1) >>> CHUNK_SHIFT] = 1;
    }

    @Override
    public void writeI32(int address, int value) {
        check(address, 4);
        INT.set(bytes, address, value);
        dirty[address >>> CHUNK_SHIFT] = 1;
        dirty[(address + 3) >>> CHUNK_SHIFT] = 1;
    }

    @Override
    public void writeLong(int address, long value) {
        check(address, 8);
        LONG.set(bytes, address, value);
        dirty[address >>> CHUNK_SHIFT] = 1;
        dirty[(address + 7) >>> CHUNK_SHIFT] = 1;
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        checkRange(fromIndex, toIndex - fromIndex);
        Arrays.fill(bytes, fromIndex, toIndex, value);
        mark(fromIndex, toIndex - fromIndex);
    }

    @Override
    public void copy(int dest, int src, int length) {
        checkRange(src, length);
        checkRange(dest, length);
        System.arraycopy(bytes, src, bytes, dest, length); // overlap-safe
        mark(dest, length);
    }
}
