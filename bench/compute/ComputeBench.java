// SPDX-License-Identifier: Apache-2.0
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * compute.wasm in Chicory, compiled to JVM bytecode with MachineFactoryCompiler (the engine's
 * mode), no imports. Same protocol as compute.mjs: per workload WARMUP untimed calls, then RUNS
 * timed calls; prints one line per workload:
 *   RESULT <workload> <result> median_ms=<m> min_ms=<m> mean_ms=<m>
 * Usage: java -cp lib-api/target/capsule.jar bench/compute/ComputeBench.java compute.wasm FIB_N SIEVE_N WARMUP RUNS
 * Memory (-Dchicory.memory): bytearray (Chicory's ByteArrayMemory, the default here), bytebuffer
 * (Chicory's default ByteBufferMemory) or dirtychunk (what the engine uses, GuestInstance.start:
 * ByteArrayMemory that also marks the 4 KiB chunks each write touches), or flat (an experiment
 * only, below: one byte[] for all of memory instead of ByteArrayMemory's 64 KiB pages).
 */
public class ComputeBench {
    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        int fibN = Integer.parseInt(args[1]);
        int sieveN = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);

        long t0 = System.nanoTime();
        WasmModule module = Parser.parse(bytes);
        String memory = System.getProperty("chicory.memory", "bytearray");
        Instance.Builder builder = Instance.builder(module)
                .withMachineFactory(MachineFactoryCompiler.compile(module));
        if (memory.equals("bytearray")) {
            builder.withMemoryFactory(ByteArrayMemory::new);
        } else if (memory.equals("flat")) {
            builder.withMemoryFactory(FlatMemory::new);
        } else if (memory.equals("dirtychunk")) {
            builder.withMemoryFactory(io.capaee.api.wasm.internal.DirtyChunkMemory::new);
        } else if (!memory.equals("bytebuffer")) {
            throw new IllegalArgumentException("chicory.memory must be bytebuffer, bytearray, dirtychunk or flat: " + memory);
        }
        Instance instance = builder.build();
        System.out.printf("INFO chicory instantiate+compile %.1f ms (java %s, %s memory)%n", (System.nanoTime() - t0) / 1e6,
                System.getProperty("java.version"), memory);

        run("fib(" + fibN + ")", instance.export("fib"), fibN, warmup, runs);
        run("sieve(" + sieveN + ")", instance.export("sieve"), sieveN, warmup, runs);
    }

    private static void run(String name, ExportFunction f, int arg, int warmup, int runs) {
        long result = 0;
        for (int i = 0; i < warmup; i++) {
            result = f.apply(arg)[0];
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long r = f.apply(arg)[0];
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (i > 0 || warmup > 0) {
                if (r != result) {
                    throw new IllegalStateException(name + " returned " + r + " then " + result);
                }
            }
            result = r;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        System.out.printf("RESULT %s %d median_ms=%.2f min_ms=%.2f mean_ms=%.2f%n", name, result, median, sorted[0],
                Arrays.stream(ms).average().orElse(0));
    }
}

/**
 * Experiment, not used by the engine: linear memory as one byte[] (Chicory 1.7.5's ByteArrayMemory
 * keeps one array per 64 KiB page, so every access loads the page first). Enough of Memory for
 * compute.wasm: active data segments are laid out by a ByteArrayMemory and copied over; no
 * passive segments, no shared memory, no atomics beyond the interface's defaults.
 */
final class FlatMemory implements com.dylibso.chicory.runtime.Memory {
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle FLOAT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(float[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle DOUBLE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(double[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final com.dylibso.chicory.wasm.types.MemoryLimits limits;
    private byte[] bytes;

    FlatMemory(com.dylibso.chicory.wasm.types.MemoryLimits limits) {
        this.limits = limits;
        this.bytes = new byte[limits.initialPages() * PAGE_SIZE];
    }

    public int pages() { return bytes.length / PAGE_SIZE; }
    public int grow(int size) {
        int old = pages();
        if ((long) old + size > Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES)) { return -1; }
        bytes = java.util.Arrays.copyOf(bytes, (old + size) * PAGE_SIZE);
        return old;
    }
    public int initialPages() { return limits.initialPages(); }
    public int maximumPages() { return limits.maximumPages(); }
    public boolean shared() { return false; }
    public Object lock(int address) { return this; }
    public int waitOn(int address, int expected, long timeout) { throw new UnsupportedOperationException(); }
    public int waitOn(int address, long expected, long timeout) { throw new UnsupportedOperationException(); }
    public int notify(int address, int count) { return 0; }
    public void initialize(com.dylibso.chicory.runtime.Instance instance, com.dylibso.chicory.wasm.types.DataSegment[] segments) {
        ByteArrayMemory laidOut = new ByteArrayMemory(limits);
        laidOut.initialize(instance, segments);
        bytes = laidOut.readBytes(0, laidOut.pages() * PAGE_SIZE);
    }
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) { throw new UnsupportedOperationException(); }
    public void write(int address, byte[] data, int offset, int size) { System.arraycopy(data, offset, bytes, address, size); }
    public byte read(int address) { return bytes[address]; }
    public byte[] readBytes(int address, int length) { return java.util.Arrays.copyOfRange(bytes, address, address + length); }
    public void writeI32(int address, int value) { INT.set(bytes, address, value); }
    public int readInt(int address) { return (int) INT.get(bytes, address); }
    public void writeLong(int address, long value) { LONG.set(bytes, address, value); }
    public long readLong(int address) { return (long) LONG.get(bytes, address); }
    public void writeShort(int address, short value) { SHORT.set(bytes, address, value); }
    public short readShort(int address) { return (short) SHORT.get(bytes, address); }
    public long readU16(int address) { return readShort(address) & 0xFFFFL; }
    public void writeByte(int address, byte value) { bytes[address] = value; }
    public void writeF32(int address, float value) { FLOAT.set(bytes, address, value); }
    public long readF32(int address) { return readInt(address) & 0xFFFFFFFFL; }
    public float readFloat(int address) { return (float) FLOAT.get(bytes, address); }
    public void writeF64(int address, double value) { DOUBLE.set(bytes, address, value); }
    public double readDouble(int address) { return (double) DOUBLE.get(bytes, address); }
    public long readF64(int address) { return readLong(address); }
    public void zero() { java.util.Arrays.fill(bytes, (byte) 0); }
    public void fill(byte value, int fromIndex, int toIndex) { java.util.Arrays.fill(bytes, fromIndex, toIndex, value); }
    public void drop(int segment) {}
}
