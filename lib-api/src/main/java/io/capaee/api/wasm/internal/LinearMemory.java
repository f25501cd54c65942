// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A guest's linear memory as one {@code byte[]} that can be put back to a snapshot, including
 * shrinking back to the snapshot's size after the guest grew it (a fresh instance would start
 * that small, so the guest cannot tell). The two kinds differ in how they restore:
 * {@link FlatMemory} copies the whole snapshot back, {@link DirtyChunkMemory} only what was written.
 *
 * <p>One flat array, not Chicory's {@link ByteArrayMemory} (an array per 64 KiB page): every
 * access of compiled guest code comes here, and the page lookup before each one made
 * memory-bound guests about a fifth slower (bench/compute.sh, docs/performance.md). The array
 * is kept larger than memory (it doubles when memory grows past it) so that a guest growing
 * page by page does not copy all of memory at every step; accesses are therefore checked
 * against the size of memory, not left to the array's own bounds check.
 *
 * <p>Every way of writing goes through the subclasses' methods: Chicory's compiled code and
 * interpreter call them through {@link Memory}, and the interface's default methods (atomics,
 * strings) are built on them. A write is checked before it happens, so an out-of-bounds write
 * traps before anything is written. Unshared memory only: Capsule guests are single-threaded.
 */
public abstract sealed class LinearMemory implements Memory permits FlatMemory, DirtyChunkMemory {
    /**
     * A restored memory keeps an array up to this large for its next calls (a guest that needs
     * 10 MiB per call would otherwise allocate and zero it every time); a larger one is trimmed
     * back to the snapshot so that idle instances do not hold on to it.
     */
    static final int RETAINED_BYTES = 32 << 20;

    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryLimits limits;
    private final int maximumPages;
    /** Memory's content in [0, size); beyond size the array is spare room for growing, all zero. */
    byte[] bytes;
    /** Bytes of memory: pages * PAGE_SIZE (at most RUNTIME_MAX_PAGES pages, so it fits an int). */
    int size;
    private DataSegment[] dataSegments = new DataSegment[0];

    LinearMemory(MemoryLimits limits) {
        if (limits.shared()) {
            throw new WasmRuntimeException("shared memory is not supported");
        }
        this.limits = limits;
        this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        this.size = limits.initialPages() * PAGE_SIZE;
        this.bytes = new byte[size];
    }

    // ---------------------------------------------------------------- snapshot support

    /** Forgets what was written: the current content is the new baseline. */
    abstract void clean();

    /**
     * Puts memory back to {@code snapshot}, which was its whole content when {@link #clean} was
     * last called, shrinking it to that size if the guest grew it since.
     */
    abstract void restore(byte[] snapshot);

    /** Zeroes what the guest grew past {@code snapshotSize} (all of it) and shrinks back. */
    final void shrinkTo(int snapshotSize) {
        if (size > snapshotSize) {
            if (bytes.length > RETAINED_BYTES) {
                bytes = Arrays.copyOf(bytes, snapshotSize);
                grown(bytes.length);
            } else {
                Arrays.fill(bytes, snapshotSize, size, (byte) 0);
            }
            size = snapshotSize;
        }
    }

    /** The array was replaced by one of {@code capacity} bytes. */
    abstract void grown(int capacity);

    // ---------------------------------------------------------------- bounds

    /** Traps unless [address, address + width) lies in memory; width is 1..8. */
    final void check(int address, int width) {
        if (address < 0 || address > size - width) {
            throw outOfBounds(address, width);
        }
    }

    /** The same for a range of any length (bulk operations, host copies). */
    final void checkRange(int address, int length) {
        if (address < 0 || length < 0 || (long) address + length > size) {
            throw outOfBounds(address, length);
        }
    }

    static void checkSource(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > data.length) {
            throw new WasmRuntimeException("out of bounds memory access: source offset " + offset + " and size " + length
                    + " exceed the " + data.length + " bytes given");
        }
    }

    private WasmRuntimeException outOfBounds(int address, int length) {
        // Chicory's wording (its ByteArrayMemory's)
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + address
                + " but limit is: " + size + " and size: " + length);
    }

    // ---------------------------------------------------------------- size

    @Override
    public final int pages() {
        return size / PAGE_SIZE;
    }

    @Override
    public final int grow(int delta) {
        int previous = pages();
        long wanted = (long) previous + delta;
        if (delta < 0 || wanted > maximumPages) {
            return -1;
        }
        int newSize = (int) wanted * PAGE_SIZE;
        if (newSize > bytes.length) {
            // at least double (capped at the maximum): growing one page at a time stays linear
            long capacity = Math.max(newSize, Math.min(2L * bytes.length, (long) maximumPages * PAGE_SIZE));
            bytes = Arrays.copyOf(bytes, (int) capacity);
            grown(bytes.length);
        }
        size = newSize;
        return previous;
    }

    @Override
    public final int initialPages() {
        return limits.initialPages();
    }

    @Override
    public final int maximumPages() {
        return maximumPages;
    }

    @Override
    public final boolean shared() {
        return false;
    }

    // ---------------------------------------------------------------- data segments

    @Override
    public final void initialize(Instance instance, DataSegment[] segments) {
        // Chicory evaluates the segments' offset expressions: lay them out with its own memory
        // (of our initial size) and take the result
        ByteArrayMemory laidOut = new ByteArrayMemory(new MemoryLimits(pages(), Math.max(pages(), 1)));
        laidOut.initialize(instance, segments);
        write(0, laidOut.readBytes(0, size), 0, size);
        this.dataSegments = segments == null ? new DataSegment[0] : segments.clone();
    }

    @Override
    public final void initPassiveSegment(int segmentId, int dest, int offset, int length) {
        write(dest, dataSegments[segmentId].data(), offset, length);
    }

    @Override
    public final void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public final void zero() {
        fill((byte) 0, 0, size);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public final byte read(int address) {
        check(address, 1);
        return bytes[address];
    }

    @Override
    public final byte[] readBytes(int address, int length) {
        checkRange(address, length);
        return Arrays.copyOfRange(bytes, address, address + length);
    }

    @Override
    public final int readInt(int address) {
        check(address, 4);
        return (int) INT.get(bytes, address);
    }

    @Override
    public final long readLong(int address) {
        check(address, 8);
        return (long) LONG.get(bytes, address);
    }

    @Override
    public final short readShort(int address) {
        check(address, 2);
        return (short) SHORT.get(bytes, address);
    }

    @Override
    public final long readU16(int address) {
        return readShort(address) & 0xFFFFL;
    }

    @Override
    public final long readF32(int address) {
        return readInt(address) & 0xFFFFFFFFL;
    }

    @Override
    public final float readFloat(int address) {
        check(address, 4);
        return (float) FLOAT.get(bytes, address);
    }

    @Override
    public final long readF64(int address) {
        return readLong(address);
    }

    @Override
    public final double readDouble(int address) {
        check(address, 8);
        return (double) DOUBLE.get(bytes, address);
    }

    @Override
    public final void writeF32(int address, float value) {
        writeI32(address, Float.floatToRawIntBits(value));
    }

    @Override
    public final void writeF64(int address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    // ---------------------------------------------------------------- unshared memory: no waiting

    @Override
    @SuppressWarnings("removal")
    public final Object lock(int address) {
        // Memory's default atomics lock on this; nothing else uses an instance's memory while a
        // call runs, so the lock is never contended
        return this;
    }

    @Override
    @SuppressWarnings("removal")
    public final int waitOn(int address, int expected, long timeout) {
        throw new WasmRuntimeException("attempt to wait on a non-shared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public final int waitOn(int address, long expected, long timeout) {
        throw new WasmRuntimeException("attempt to wait on a non-shared memory");
    }

    @Override
    @SuppressWarnings("removal")
    public final int notify(int address, int maxThreads) {
        return 0;
    }
}
