// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import io.capaee.api.wasm.AbiGeneration;
import io.capaee.api.wasm.capsule.GuestHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One started guest (its {@code _start} has run) that can be reset to exactly that state.
 * Capsule built a fresh runtime per request (36 requests/s); taking a snapshot of linear memory
 * and mutable globals after {@code _start} and restoring it after every call gives each call
 * the same fresh-instance semantics. The restore copies back only the chunks the call wrote
 * ({@link DirtyChunkMemory}), not all of memory. Not thread-safe: the pool hands an instance to
 * one call at a time.
 */
public final class GuestInstance {
    private final Instance instance;
    private final DirtyChunkMemory memory;
    private final byte[] memorySnapshot;
    private final int snapshotPages;
    private final int[] mutableGlobals;
    private final long[] globalLow;
    private final long[] globalHigh;
    private final ExportFunction free;
    private final ExportFunction malloc;
    private final ExportFunction callHandle;
    private final ExportFunction callHandleHttp;
    private final AbiGeneration generation;

    private GuestInstance(Instance instance, AbiGeneration generation) {
        this.instance = instance;
        this.memory = (DirtyChunkMemory) instance.memory();
        this.generation = generation;
        this.snapshotPages = memory.pages();
        this.memorySnapshot = memory.readBytes(0, snapshotPages * Memory.PAGE_SIZE);
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
        ExportFunction freeExport;
        try {
            freeExport = instance.export("free");
        } catch (RuntimeException e) {
            freeExport = null; // free is optional: TinyGo's is a no-op anyway
        }
        this.free = freeExport;
        this.malloc = instance.export("malloc");
        this.callHandle = optionalExport(instance, "callHandle");
        this.callHandleHttp = optionalExport(instance, "callHandleHttp");
    }

    private static ExportFunction optionalExport(Instance instance, String name) {
        try {
            return instance.export(name);
        } catch (RuntimeException e) {
            return null; // the inspector made sure the one the caller needs exists
        }
    }

    /** Instantiates the module (which runs {@code _start}) and takes the snapshot. */
    static GuestInstance start(CompiledModule compiled, ImportValues imports, int maxPages) {
        Instance.Builder builder = Instance.builder(compiled.module())
                .withImportValues(imports)
                .withMemoryLimits(new MemoryLimits(compiled.shape().initialPages(), maxPages))
                // byte[] memory (faster here than Chicory's default ByteBuffer one, bench/compute.sh)
                // that tracks what each call writes, so that reset copies back only that
                .withMemoryFactory(DirtyChunkMemory::new);
        compiled.machineFactory().ifPresent(builder::withMachineFactory);
        return new GuestInstance(builder.build(), compiled.shape().generation());
    }

    /** Calls {@code callHandle} with the CLI arguments already joined by {@code °}. */
    String callHandle(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int ptr = GuestMemory.place(instance, malloc, bytes);
        long packed = callHandle.apply(ptr, bytes.length)[0];
        String result = GuestMemory.readPacked(instance, packed);
        release(ptr);
        return result;
    }

    /** Calls {@code callHandleHttp} with the arity of the module's generation. */
    String callHandleHttp(GuestHttpRequest request) {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        byte[] headers = request.headers().getBytes(StandardCharsets.UTF_8);
        int bodyPtr = GuestMemory.place(instance, malloc, body);
        int headersPtr = GuestMemory.place(instance, malloc, headers);
        long packed;
        if (generation == AbiGeneration.V0_1_3) {
            packed = callHandleHttp.apply(bodyPtr, body.length, headersPtr, headers.length)[0];
        } else {
            byte[] uri = request.uri().getBytes(StandardCharsets.UTF_8);
            byte[] method = request.method().getBytes(StandardCharsets.UTF_8);
            int uriPtr = GuestMemory.place(instance, malloc, uri);
            int methodPtr = GuestMemory.place(instance, malloc, method);
            packed = callHandleHttp.apply(bodyPtr, body.length, uriPtr, uri.length, headersPtr, headers.length, methodPtr, method.length)[0];
        }
        return GuestMemory.readPacked(instance, packed);
    }

    private void release(int ptr) {
        if (free != null) {
            free.apply(ptr);
        }
    }

    /** Current size of linear memory in pages. */
    int pages() {
        return memory.pages();
    }

    /**
     * Puts memory and globals back as they were after {@code _start}. Returns false when that is
     * impossible because memory grew (wasm memory cannot shrink): the caller then drops it.
     */
    boolean reset() {
        if (memory.pages() != snapshotPages) {
            return false;
        }
        memory.restore(memorySnapshot);
        for (int i = 0; i < mutableGlobals.length; i++) {
            GlobalInstance g = instance.global(mutableGlobals[i]);
            g.setValueLow(globalLow[i]);
            g.setValueHigh(globalHigh[i]);
        }
        return true;
    }
}
