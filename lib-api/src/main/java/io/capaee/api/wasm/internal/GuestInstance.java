// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import java.util.ArrayList;
import java.util.List;

/**
 * One started guest (its {@code _start} has run) that can be reset to exactly that state.
 * Capsule built a fresh runtime per request (36 requests/s); taking a snapshot of linear memory
 * and mutable globals after {@code _start} and restoring it after every call gives each call
 * the same fresh-instance semantics, including memory the call grew: it shrinks back to its
 * size after {@code _start}. The memory is restored either by copying back only the chunks the
 * call wrote ({@link DirtyChunkMemory}) or all of it ({@link FlatMemory}), as
 * {@link RestoreChoice} decides. Not thread-safe: the pool hands an instance to one call at a time.
 */
public final class GuestInstance {
    private final Instance instance;
    private final LinearMemory memory;
    private final byte[] memorySnapshot;
    private final int[] mutableGlobals;
    private final long[] globalLow;
    private final long[] globalHigh;
    private final ChicoryGuest guest;

    private GuestInstance(Instance instance) {
        this.instance = instance;
        this.memory = (LinearMemory) instance.memory();
        this.memorySnapshot = memory.readBytes(0, memory.pages() * Memory.PAGE_SIZE);
        memory.clean();
        List<Integer> mutable = new ArrayList<>();
        for (int i = 0; i < instance.globalCount(); i++) {
            if (instance.global(i).getMutabilityType() == MutabilityType.Var) {
                mutable.add(i);
            }
        }
        this.mutableGlobals = mutable.stream().mapToInt(Integer::intValue).toArray();
        this.globalLow = new long[mutableGlobals.length];
        this.globalHigh = new long[mutableGlobals.length];
        for (int i = 0; i < mutableGlobals.length; i++) {
            GlobalInstance g = instance.global(mutableGlobals[i]);
            globalLow[i] = g.getValueLow();
            globalHigh[i] = g.getValueHigh();
        }
        this.guest = new ChicoryGuest(instance);
    }

    /**
     * Instantiates the module (which runs {@code _start}) and takes the snapshot.
     *
     * @param wholeCopy restore by copying all of memory back instead of marking written chunks
     */
    static GuestInstance start(CompiledModule compiled, ImportValues imports, int maxPages, boolean wholeCopy) {
        Instance.Builder builder = Instance.builder(compiled.module())
                .withImportValues(imports)
                .withMemoryLimits(new MemoryLimits(compiled.shape().initialPages(), maxPages))
                // one byte[] (faster than Chicory's paged memories, bench/compute.sh) that can be
                // put back to the snapshot
                .withMemoryFactory(wholeCopy ? FlatMemory::new : DirtyChunkMemory::new);
        compiled.machineFactory().ifPresent(builder::withMachineFactory);
        return new GuestInstance(builder.build());
    }

    /** The instance as the Capsule ABI sees it. */
    GuestAbi abi() {
        return guest;
    }

    /** Whether this instance restores by copying all of memory back. */
    boolean wholeCopy() {
        return memory instanceof FlatMemory;
    }

    /** Bytes of memory after {@code _start}. */
    int snapshotBytes() {
        return memorySnapshot.length;
    }

    /** Current size of linear memory in pages. */
    int pages() {
        return memory.pages();
    }

    /** Puts memory (content and size) and globals back as they were after {@code _start}. */
    void reset() {
        memory.restore(memorySnapshot);
        for (int i = 0; i < mutableGlobals.length; i++) {
            GlobalInstance g = instance.global(mutableGlobals[i]);
            g.setValueLow(globalLow[i]);
            g.setValueHigh(globalHigh[i]);
        }
    }
}
