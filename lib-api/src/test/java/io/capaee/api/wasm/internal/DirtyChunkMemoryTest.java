// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kinds of linear memory: every way of writing is undone by a restore, however it crosses
 * chunk boundaries, and so is growth; accesses outside memory trap, also in the array's spare room.
 */
class DirtyChunkMemoryTest {
    private static final int PAGES = 2;
    private static final int SIZE = PAGES * Memory.PAGE_SIZE;
    private static final int EDGE = DirtyChunkMemory.CHUNK;

    static Stream<Function<MemoryLimits, LinearMemory>> kinds() {
        return Stream.of(FlatMemory::new, DirtyChunkMemory::new);
    }

    private static LinearMemory withSnapshot(Function<MemoryLimits, LinearMemory> kind, byte[] snapshot) {
        LinearMemory memory = kind.apply(new MemoryLimits(PAGES, 10));
        memory.write(0, snapshot);
        memory.clean();
        return memory;
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachKindOfWriteIsRestored(Function<MemoryLimits, LinearMemory> kind) {
        byte[] snapshot = randomBytes(1, SIZE);
        LinearMemory memory = withSnapshot(kind, snapshot);
        memory.writeI32(EDGE - 2, 0x01020304); // writes that straddle chunk boundaries
        memory.writeLong(3 * EDGE - 3, -1L);
        memory.writeShort(5 * EDGE - 1, (short) 7);
        memory.writeByte(SIZE - 1, (byte) 9);
        memory.writeF32(7 * EDGE - 1, 1.5f);
        memory.writeF64(9 * EDGE - 5, 2.5);
        memory.write(11 * EDGE - 10, new byte[3 * EDGE]);
        memory.fill((byte) 0x55, 15 * EDGE - 1, 15 * EDGE + 1);
        memory.copy(20 * EDGE - 1, 0, 100);
        memory.atomicAddInt(22 * EDGE, 5);
        memory.writeString(24 * EDGE - 2, "hello");
        memory.restore(snapshot);
        assertArrayEquals(snapshot, memory.readBytes(0, SIZE));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void randomWritesAreRestoredRepeatedly(Function<MemoryLimits, LinearMemory> kind) {
        byte[] snapshot = randomBytes(2, SIZE);
        LinearMemory memory = withSnapshot(kind, snapshot);
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 50; i++) {
                memory.writeLong(random.nextInt(SIZE - 7), random.nextLong());
            }
            memory.restore(snapshot);
            assertArrayEquals(snapshot, memory.readBytes(0, SIZE), "round " + round);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void valuesAreLittleEndianAndReadBackAsWritten(Function<MemoryLimits, LinearMemory> kind) {
        LinearMemory memory = withSnapshot(kind, new byte[SIZE]);
        memory.writeI32(100, 0x01020304);
        assertEquals(0x04, memory.read(100));
        assertEquals(0x01020304, memory.readInt(100));
        memory.writeLong(200, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, memory.readLong(200));
        memory.writeShort(300, (short) -2);
        assertEquals(0xFFFE, memory.readU16(300));
        memory.writeF64(400, -0.5);
        assertEquals(-0.5, memory.readDouble(400));
        memory.writeF32(500, 3.25f);
        assertEquals(3.25f, memory.readFloat(500));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anOutOfBoundsAccessTrapsAndWritesNothing(Function<MemoryLimits, LinearMemory> kind) {
        byte[] snapshot = new byte[SIZE];
        LinearMemory memory = withSnapshot(kind, snapshot);
        assertThrows(WasmRuntimeException.class, () -> memory.writeI32(SIZE - 2, 1));
        assertThrows(WasmRuntimeException.class, () -> memory.readLong(SIZE - 7));
        assertThrows(WasmRuntimeException.class, () -> memory.read(-1));
        assertThrows(WasmRuntimeException.class, () -> memory.write(SIZE - 1, new byte[2]));
        assertThrows(WasmRuntimeException.class, () -> memory.fill((byte) 1, SIZE - 1, SIZE + 1));
        memory.restore(snapshot);
        assertArrayEquals(snapshot, memory.readBytes(0, SIZE));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSpareRoomOfTheArrayIsOutOfBounds(Function<MemoryLimits, LinearMemory> kind) {
        LinearMemory memory = withSnapshot(kind, new byte[SIZE]);
        assertEquals(PAGES, memory.grow(1)); // the array doubles to 4 pages, memory is 3
        assertEquals(PAGES + 1, memory.pages());
        memory.writeI32(SIZE + 10, 42); // in the new page
        assertEquals(42, memory.readInt(SIZE + 10));
        assertThrows(WasmRuntimeException.class, () -> memory.read((PAGES + 1) * Memory.PAGE_SIZE));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void growthIsUndoneAndTheGrownPagesComeBackZeroed(Function<MemoryLimits, LinearMemory> kind) {
        byte[] snapshot = randomBytes(4, SIZE);
        LinearMemory memory = withSnapshot(kind, snapshot);
        for (int call = 0; call < 3; call++) {
            assertEquals(PAGES, memory.grow(3), "call " + call);
            assertEquals(0, memory.readLong(SIZE + 5 * EDGE), "a grown page starts zeroed, call " + call);
            memory.writeLong(SIZE + 5 * EDGE, -1L);
            memory.fill((byte) 7, SIZE, SIZE + 100);
            memory.writeByte(3, (byte) 0);
            memory.restore(snapshot);
            assertEquals(PAGES, memory.pages());
            assertArrayEquals(snapshot, memory.readBytes(0, SIZE));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void growingPastTheMaximumFailsAndChangesNothing(Function<MemoryLimits, LinearMemory> kind) {
        LinearMemory memory = withSnapshot(kind, new byte[SIZE]);
        assertEquals(-1, memory.grow(9));
        assertEquals(-1, memory.grow(-1));
        assertEquals(PAGES, memory.pages());
        assertEquals(PAGES, memory.grow(8));
        assertEquals(10, memory.pages());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anEmptyMemoryTrapsOnEveryAccessAlsoAfterGrowingAndRestoring(Function<MemoryLimits, LinearMemory> kind) {
        LinearMemory memory = kind.apply(new MemoryLimits(0, 4));
        memory.clean();
        byte[] snapshot = new byte[0];
        for (int round = 0; round < 2; round++) {
            assertThrows(WasmRuntimeException.class, () -> memory.read(0));
            assertThrows(WasmRuntimeException.class, () -> memory.readLong(0));
            assertThrows(WasmRuntimeException.class, () -> memory.writeI32(0, 1));
            assertEquals(0, memory.grow(2));
            memory.writeLong(Memory.PAGE_SIZE, 5L);
            memory.restore(snapshot);
            assertEquals(0, memory.pages());
        }
    }
}
