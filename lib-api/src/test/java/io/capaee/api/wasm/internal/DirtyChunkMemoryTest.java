// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every way of writing is undone by a restore, however it crosses chunk boundaries. */
class DirtyChunkMemoryTest {
    private static final int PAGES = 2;
    private static final int SIZE = PAGES * Memory.PAGE_SIZE;

    private static DirtyChunkMemory withSnapshot(byte[] snapshot) {
        DirtyChunkMemory memory = new DirtyChunkMemory(new MemoryLimits(PAGES, 10));
        memory.write(0, snapshot);
        memory.clean();
        return memory;
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void eachKindOfWriteIsRestored() {
        byte[] snapshot = randomBytes(1, SIZE);
        DirtyChunkMemory memory = withSnapshot(snapshot);
        int edge = DirtyChunkMemory.CHUNK; // writes that straddle the first chunk boundary
        memory.writeI32(edge - 2, 0x01020304);
        memory.writeLong(3 * edge - 3, -1L);
        memory.writeShort(5 * edge - 1, (short) 7);
        memory.writeByte(SIZE - 1, (byte) 9);
        memory.writeF32(7 * edge - 1, 1.5f);
        memory.writeF64(9 * edge - 5, 2.5);
        memory.write(11 * edge - 10, new byte[3 * DirtyChunkMemory.CHUNK]);
        memory.fill((byte) 0x55, 15 * edge - 1, 15 * edge + 1);
        memory.copy(20 * edge - 1, 0, 100);
        memory.atomicAddInt(22 * edge, 5);
        memory.writeString(24 * edge - 2, "hello");
        memory.restore(snapshot);
        assertArrayEquals(snapshot, memory.readBytes(0, SIZE));
    }

    @Test
    void randomWritesAreRestoredRepeatedly() {
        byte[] snapshot = randomBytes(2, SIZE);
        DirtyChunkMemory memory = withSnapshot(snapshot);
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 50; i++) {
                memory.writeLong(random.nextInt(SIZE - 7), random.nextLong());
            }
            memory.restore(snapshot);
            assertArrayEquals(snapshot, memory.readBytes(0, SIZE), "round " + round);
        }
    }

    @Test
    void anOutOfBoundsWriteTrapsAndMarksNothingOutside() {
        byte[] snapshot = new byte[SIZE];
        DirtyChunkMemory memory = withSnapshot(snapshot);
        assertThrows(RuntimeException.class, () -> memory.writeI32(SIZE - 2, 1));
        memory.restore(snapshot);
        assertArrayEquals(snapshot, memory.readBytes(0, SIZE));
    }

    @Test
    void growKeepsTrackingTheNewPages() {
        DirtyChunkMemory memory = withSnapshot(new byte[SIZE]);
        assertEquals(PAGES, memory.grow(1));
        memory.writeI32(SIZE + 10, 42); // in the new page: must not fail
        assertEquals(42, memory.readInt(SIZE + 10));
    }
}
