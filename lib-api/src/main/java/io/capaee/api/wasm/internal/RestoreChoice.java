// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

/**
 * Chooses, per function, how its instances are put back after a call, from how long its calls
 * take. Marking written chunks ({@link DirtyChunkMemory}) makes a restore cost only what the call
 * wrote, but slows memory-bound guest code by about a third; copying the whole snapshot back
 * ({@link FlatMemory}) costs a fixed time per call (about 4 us for 128 KiB, 150 us for 2 MiB) and
 * nothing while the guest runs. So short calls (an HTTP handler) keep the marks, and calls long
 * enough that the copy is at most a twentieth of them use whole copies. Only instances
 * started after a switch use the new kind; the pool drops the others as they come back.
 *
 * <p>A function starts with whole copies and leaves them after its first short calls. The other
 * way round, the first instances' marking memory stayed in the type profile of the compiled
 * guest code after the switch, and a memory-bound call ran about a fifth slower in some JVM runs
 * (bench/compute.sh, engine rows); short calls pay nothing measurable for the extra memory class.
 *
 * <p>The call time is an average over recent calls, and switching back needs calls four times
 * shorter than switching there did, so a function does not flip on every other call.
 */
final class RestoreChoice {
    /**
     * A whole copy takes about 0.06 ns per byte (16 GB/s on this class of machine, measured with
     * snapshots of 128 KiB to 16 MiB); worth it when calls take 20 times that.
     */
    static final double CALL_NANOS_PER_SNAPSHOT_BYTE = 20 / 16.0;

    private final long wholeCopyAbove;
    private volatile boolean wholeCopy = true;
    /** Average call time in ns, updated without a lock: a lost update only delays a switch. */
    private volatile long averageNanos;

    /** @param snapshotBytes memory after {@code _start} (its size at the first instance) */
    RestoreChoice(long snapshotBytes) {
        this.wholeCopyAbove = (long) (snapshotBytes * CALL_NANOS_PER_SNAPSHOT_BYTE);
    }

    /** Whether instances started now should copy the whole snapshot back. */
    boolean wholeCopy() {
        return wholeCopy;
    }

    /** Counts one finished call. */
    void called(long nanos) {
        long average = averageNanos;
        average += (nanos - average) / 8;
        averageNanos = average;
        if (!wholeCopy && average > wholeCopyAbove) {
            wholeCopy = true;
        } else if (wholeCopy && average < wholeCopyAbove / 4) {
            wholeCopy = false;
        }
    }
}
