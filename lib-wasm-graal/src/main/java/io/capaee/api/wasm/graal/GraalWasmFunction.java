// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.graal;

import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.FunctionInfo;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import io.capaee.api.wasm.internal.CallFailures;
import io.capaee.api.wasm.internal.CallWatchdog;
import io.capaee.api.wasm.internal.CapsuleCalls;
import io.capaee.api.wasm.internal.CapsuleHostFunctions;
import io.capaee.api.wasm.internal.CompiledModule;
import io.capaee.api.wasm.internal.GuestAbi;
import io.capaee.api.wasm.internal.GuestOutput;
import io.capaee.api.wasm.internal.MemoryCap;
import io.capaee.api.wasm.internal.ModuleShape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * A function on GraalWasm, with the promises of {@link WasmFunction}: each call runs in a fresh
 * instance of the module, started ({@code _start}) under the call's time limit, in a context no
 * other call uses meanwhile ({@link GraalSlot}); a call past its limit has its context cancelled;
 * the memory limit is the module's own maximum, rewritten to the function's ({@link MemoryCap}),
 * so a {@code memory.grow} past it fails inside the guest.
 */
final class GraalWasmFunction implements WasmFunction {
    private final FunctionInfo info;
    private final CallWatchdog watchdog;
    private final CallFailures failures;
    private final Engine engine;
    private final Source source;
    private final Map<String, CapsuleHostFunctions.HostCall> hostCalls;
    private final CapsuleCalls calls;
    private final GuestOutput output = new GuestOutput();
    private final FunctionSettings settings;
    private final ConcurrentLinkedDeque<GraalSlot> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;
    private volatile int poolSize;

    GraalWasmFunction(String name, byte[] wasm, CompiledModule checked, FunctionSettings settings, CapsuleHostFunctions host, Engine engine,
            boolean optimizing, CallWatchdog watchdog) {
        ModuleShape shape = checked.shape();
        this.settings = settings;
        this.info = new FunctionInfo(name, checked.sha256(), checked.size(), shape.generation(), shape.cliHandler(), shape.httpHandler(), optimizing);
        this.failures = new CallFailures(name, settings, shape.initialPages(), CallFailures.maxPages(shape, settings));
        failures.checkInitialMemory();
        this.watchdog = watchdog;
        this.engine = engine;
        this.hostCalls = host.calls();
        this.calls = new CapsuleCalls(info, failures);
        this.poolSize = Math.max(1, settings.maxIdleInstances());
        try {
            this.source = Source.newBuilder("wasm", ByteSequence.create(MemoryCap.apply(wasm, failures.maxPages())), name).build();
        } catch (java.io.IOException | RuntimeException e) {
            throw new WasmFunctionException(Reason.INVALID_MODULE, "'" + name + "' cannot be loaded by GraalWasm: " + e.getMessage(), e);
        }
        // started once here, so a module whose _start fails is refused at deployment
        GraalSlot first = newSlot();
        boolean started = false;
        try {
            watched(first, first::instantiate, failures::startTimeout, failures::startFailed);
            started = true;
        } finally {
            if (started) {
                release(first);
            } else {
                first.close();
            }
        }
    }

    @Override
    public FunctionInfo info() {
        return info;
    }

    @Override
    public CliResult callCli(List<String> args) {
        return calls.cli(args, this::run);
    }

    @Override
    public HttpReply callHttp(HttpInvocation request) {
        return calls.http(request, this::run);
    }

    private String run(Function<GuestAbi, String> call) {
        if (closed) {
            throw failures.undeployed();
        }
        GraalSlot slot = borrow();
        output.reset();
        boolean healthy = false;
        try {
            GraalGuest guest = watched(slot, slot::instantiate, failures::startTimeout, failures::startFailed);
            String result = watched(slot, () -> call.apply(guest), failures::timeout, e -> failures.trap(e, pages(guest), output.lastLine()));
            healthy = true;
            return result;
        } finally {
            if (healthy) {
                release(slot);
            } else {
                slot.close();
            }
        }
    }

    /**
     * Runs guest code under the call time limit; past it, the slot's context is cancelled. What it
     * throws becomes {@code timeout} when the watchdog stopped it, else {@code failed}; a
     * {@link WasmFunctionException} of a host function passes unchanged.
     */
    private <T> T watched(GraalSlot slot, Supplier<T> guestCode, Function<Throwable, WasmFunctionException> timeout,
            Function<Throwable, WasmFunctionException> failed) {
        try (CallWatchdog.Watch watch = watchdog.watch(settings.callTimeout(), slot::cancel)) {
            try {
                return guestCode.get();
            } catch (PolyglotException e) {
                if (e.isHostException() && e.asHostException() instanceof WasmFunctionException hostFailure) {
                    throw watch.fired() ? timeout.apply(hostFailure) : hostFailure;
                }
                throw watch.fired() || e.isCancelled() ? timeout.apply(e) : failed.apply(e);
            } catch (WasmFunctionException e) {
                throw watch.fired() ? timeout.apply(e) : e;
            } catch (IllegalStateException e) { // the context was closed under the call
                throw watch.fired() ? timeout.apply(e) : failed.apply(e);
            }
        }
    }

    private static int pages(GraalGuest guest) {
        try {
            return (int) (guest.memoryBytes() / 65536);
        } catch (RuntimeException e) {
            return 0; // the context is gone
        }
    }

    private GraalSlot newSlot() {
        try {
            return new GraalSlot(engine, source, output, hostCalls);
        } catch (PolyglotException e) {
            throw new WasmFunctionException(Reason.INVALID_MODULE, "'" + info.name() + "' cannot be loaded by GraalWasm: " + e.getMessage(), e);
        }
    }

    private GraalSlot borrow() {
        GraalSlot slot = idle.pollFirst();
        if (slot != null) {
            idleCount.decrementAndGet();
            return slot;
        }
        return newSlot();
    }

    private void release(GraalSlot slot) {
        if (!closed && idleCount.incrementAndGet() <= poolSize) {
            idle.offerFirst(slot);
            return;
        }
        if (!closed) {
            idleCount.decrementAndGet();
        }
        slot.close();
    }

    @Override
    public void scale(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("a function needs at least 1 instance, asked for " + instances);
        }
        poolSize = instances;
        GraalSlot extra;
        while (idleCount.get() > poolSize && (extra = idle.pollLast()) != null) {
            idleCount.decrementAndGet();
            extra.close();
        }
        while (!closed && idleCount.get() < poolSize) {
            release(newSlot());
        }
    }

    @Override
    public int instances() {
        return poolSize;
    }

    @Override
    public void close() {
        closed = true;
        GraalSlot slot;
        while ((slot = idle.pollFirst()) != null) {
            slot.close();
        }
        idleCount.set(0);
    }
}
