// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Arrays;

/**
 * Chicory's {@link ByteArrayMemory} that remembers which {@value #CHUNK}-byte chunks were written
 * since the last {@link #restore}, so that putting an instance back to its snapshot copies only
 * what the call changed (a few KiB for a small HTTP call) instead of all of linear memory
 * (128 KiB for the smallest guest, megabytes for TinyGo ones) on every call.
 *
 * <p>Every way of writing goes through the methods here: Chicory's compiled code and interpreter
 * call them through {@link Memory}, and the interface's default methods (atomics, strings,
 * {@code copy}) are built on them. The write happens first, so an out-of-bounds write traps before
 * anything is marked, and a marked chunk is always inside memory.
 */
public final class DirtyChunkMemory implements Memory {
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK = 1 << CHUNK_SHIFT;

    private final ByteArrayMemory memory;
    private byte[] dirty;

    /** Public for bench/compute (CHICORY_MEMORY=dirtychunk); the engine creates it in GuestInstance. */
    public DirtyChunkMemory(MemoryLimits limits) {
        this.memory = new ByteArrayMemory(limits);
        this.dirty = new byte[chunks(memory.pages())];
    }

    private static int chunks(int pages) {
        return (int) ((long) pages * PAGE_SIZE >>> CHUNK_SHIFT);
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

    private void mark(int address) {
        dirty[address >>> CHUNK_SHIFT] = 1;
    }

    private void mark2(int address, int width) {
        dirty[address >>> CHUNK_SHIFT] = 1;
        dirty[(address + width - 1) >>> CHUNK_SHIFT] = 1;
    }

    /** Forgets what was written: the current content is the new baseline. */
    void clean() {
        Arrays.fill(dirty, (byte) 0);
    }

    /**
     * Copies the chunks written since the last {@code clean}/{@code restore} back from
     * {@code snapshot} (the content at that time, as long as memory), in runs of adjacent chunks.
     */
    void restore(byte[] snapshot) {
        byte[] d = dirty;
        int n = Math.min(d.length, snapshot.length >>> CHUNK_SHIFT);
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
            memory.write(start << CHUNK_SHIFT, snapshot, start << CHUNK_SHIFT, (c - start) << CHUNK_SHIFT);
        }
    }

    // ---------------------------------------------------------------- writes: delegate, then mark

    @Override
    public int grow(int size) {
        int previous = memory.grow(size);
        if (previous >= 0) {
            dirty = Arrays.copyOf(dirty, chunks(memory.pages()));
        }
        return previous;
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        memory.initialize(instance, dataSegments);
        Arrays.fill(dirty, (byte) 1);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int index) {
        memory.initialize(instance, dataSegments, index);
        Arrays.fill(dirty, (byte) 1);
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        memory.initPassiveSegment(segmentId, dest, offset, size);
        mark(dest, size);
    }

    @Override
    public void write(int address, byte[] data, int offset, int size) {
        memory.write(address, data, offset, size);
        mark(address, size);
    }

    @Override
    public void writeI32(int address, int value) {
        memory.writeI32(address, value);
        mark2(address, 4);
    }

    @Override
    public void writeLong(int address, long value) {
        memory.writeLong(address, value);
        mark2(address, 8);
    }

    @Override
    public void writeShort(int address, short value) {
        memory.writeShort(address, value);
        mark2(address, 2);
    }

    @Override
    public void writeByte(int address, byte value) {
        memory.writeByte(address, value);
        mark(address);
    }

    @Override
    public void writeF32(int address, float value) {
        memory.writeF32(address, value);
        mark2(address, 4);
    }

    @Override
    public void writeF64(int address, double value) {
        memory.writeF64(address, value);
        mark2(address, 8);
    }

    @Override
    public void zero() {
        memory.zero();
        Arrays.fill(dirty, (byte) 1);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        memory.fill(value, fromIndex, toIndex);
        mark(fromIndex, toIndex - fromIndex);
    }

    @Override
    public void copy(int dest, int src, int size) {
        memory.copy(dest, src, size);
        mark(dest, size);
    }

    // ---------------------------------------------------------------- everything else: delegate

    @Override
    public int pages() {
        return memory.pages();
    }

    @Override
    public int initialPages() {
        return memory.initialPages();
    }

    @Override
    public int maximumPages() {
        return memory.maximumPages();
    }

    @Override
    public boolean shared() {
        return memory.shared();
    }

    @Override
    public Object lock(int address) {
        // Memory's default atomics (which write through the methods here) lock on this; Chicory's
        // ByteArrayMemory has no lock for unshared memory, and nothing else uses an instance's
        // memory while a call runs.
        return memory.shared() ? memory.lock(address) : this;
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        return memory.waitOn(address, expected, timeout);
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        return memory.waitOn(address, expected, timeout);
    }

    @Override
    public int notify(int address, int maxThreads) {
        return memory.notify(address, maxThreads);
    }

    @Override
    public byte read(int address) {
        return memory.read(address);
    }

    @Override
    public byte[] readBytes(int address, int length) {
        return memory.readBytes(address, length);
    }

    @Override
    public int readInt(int address) {
        return memory.readInt(address);
    }

    @Override
    public long readLong(int address) {
        return memory.readLong(address);
    }

    @Override
    public short readShort(int address) {
        return memory.readShort(address);
    }

    @Override
    public long readU16(int address) {
        return memory.readU16(address);
    }

    @Override
    public long readF32(int address) {
        return memory.readF32(address);
    }

    @Override
    public float readFloat(int address) {
        return memory.readFloat(address);
    }

    @Override
    public long readF64(int address) {
        return memory.readF64(address);
    }

    @Override
    public double readDouble(int address) {
        return memory.readDouble(address);
    }

    @Override
    public void drop(int segment) {
        memory.drop(segment);
    }
}
