// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.FunctionInfo;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A function backed by a pool of started instances. A call borrows an instance (or starts one
 * when none is idle), runs on the caller's thread under the watchdog, resets the instance to its
 * post-{@code _start} snapshot and gives it back. An instance that failed is dropped, never reused.
 */
public final class PooledWasmFunction implements WasmFunction {

    private final FunctionInfo info;
    private final CompiledModule compiled;
    private final FunctionSettings settings;
    private final CallWatchdog watchdog;
    private final ImportValues imports;
    private final WasiPreview1 wasi;
    private final GuestOutput output = new GuestOutput();
    private final CapsuleCalls calls;
    private final CallFailures failures;
    private final ConcurrentLinkedDeque<GuestInstance> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;
    private volatile int poolSize;
    /** Set from the first instance, which the constructor starts (null until then). */
    private final RestoreChoice restore;

    public PooledWasmFunction(String name, CompiledModule compiled, FunctionSettings settings, CapsuleHostFunctions host, CallWatchdog watchdog) {
        this.compiled = compiled;
        this.settings = settings;
        this.watchdog = watchdog;
        ModuleShape shape = compiled.shape();
        this.info = new FunctionInfo(name, compiled.sha256(), compiled.size(), shape.generation(), shape.cliHandler(), shape.httpHandler(), compiled.compiled());
        this.failures = new CallFailures(name, settings, shape.initialPages(), CallFailures.maxPages(shape, settings));
        failures.checkInitialMemory();
        // Capsule gave guests no arguments, no environment, no files and discarded stdout/stderr.
        this.wasi = WasiPreview1.builder().withOptions(WasiOptions.builder()
                .withStdout(output)
                .withStderr(output)
                .withArguments(List.of())
                .build()).build();
        List<com.dylibso.chicory.runtime.ImportFunction> functions = new java.util.ArrayList<>(List.of(wasi.toHostFunctions()));
        functions.addAll(host.functions());
        this.imports = ImportValues.builder().withFunctions(functions).build();
        this.calls = new CapsuleCalls(info, failures);
        this.poolSize = settings.maxIdleInstances();
        try {
            GuestInstance first = startInstance();
            this.restore = new RestoreChoice(first.snapshotBytes());
            release(first);
        } catch (RuntimeException e) {
            wasi.close();
            throw e;
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
        GuestInstance guest = borrow();
        output.reset();
        boolean healthy = false;
        try {
            long started = System.nanoTime();
            String result = watched(() -> call.apply(guest.abi()), failures::timeout, e -> failures.trap(e, guest.pages(), output.lastLine()));
            restore.called(System.nanoTime() - started);
            healthy = true;
            return result;
        } finally {
            if (healthy) {
                release(guest);
            }
        }
    }

    /**
     * Runs guest code under the call time limit. What it throws becomes {@code timeout} when the
     * watchdog stopped it (the interruption can surface as any of these), else {@code failed};
     * a {@link WasmFunctionException} of a host function passes unchanged.
     */
    private <T> T watched(Supplier<T> guestCode, Function<Throwable, WasmFunctionException> timeout,
            Function<Throwable, WasmFunctionException> failed) {
        try (CallWatchdog.Watch watch = watchdog.watch(settings.callTimeout())) {
            try {
                return guestCode.get();
            } catch (ChicoryInterruptedException e) {
                throw timeout.apply(e);
            } catch (WasmFunctionException e) {
                throw watch.fired() ? timeout.apply(e) : e;
            } catch (ChicoryException | StackOverflowError | ArithmeticException | IndexOutOfBoundsException e) {
                throw watch.fired() ? timeout.apply(e) : failed.apply(e);
            }
        }
    }

    private GuestInstance borrow() {
        GuestInstance guest = idle.pollFirst();
        if (guest != null) {
            idleCount.decrementAndGet();
            return guest;
        }
        return startInstance();
    }

    private void release(GuestInstance guest) {
        if (closed || (restore != null && guest.wholeCopy() != restore.wholeCopy())) {
            return; // an instance of the kind no longer chosen is replaced by a new one
        }
        guest.reset();
        if (idleCount.incrementAndGet() <= poolSize) {
            idle.offerFirst(guest);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Instantiates and runs {@code _start} under the call time limit: a guest that never returns from it is stopped. */
    private GuestInstance startInstance() {
        boolean wholeCopy = restore == null || restore.wholeCopy(); // the first instance: see RestoreChoice
        return watched(() -> GuestInstance.start(compiled, imports, failures.maxPages(), wholeCopy), failures::startTimeout, failures::startFailed);
    }

    @Override
    public void scale(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("a function needs at least 1 instance, asked for " + instances);
        }
        poolSize = instances;
        while (idleCount.get() > poolSize && idle.pollLast() != null) {
            idleCount.decrementAndGet();
        }
        while (!closed && idleCount.get() < poolSize) {
            GuestInstance guest = startInstance();
            if (idleCount.incrementAndGet() <= poolSize) {
                idle.offerLast(guest);
            } else {
                idleCount.decrementAndGet();
                break;
            }
        }
    }

    @Override
    public int instances() {
        return poolSize;
    }

    @Override
    public void close() {
        closed = true;
        idle.clear();
        idleCount.set(0);
        wasi.close();
    }
}
