// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.WasmFunctionException.Reason;

/**
 * What a failed call into a guest is reported as, the same on every engine: the engines differ in
 * what they throw, not in what callers see.
 *
 * @param function the function's name
 * @param initialPages the memory size the module starts with
 * @param maxPages the memory limit the guest runs under
 */
public record CallFailures(String function, FunctionSettings settings, int initialPages, int maxPages) {
    private static final int NEAR_LIMIT_PAGES = 32;

    /** The pages a guest may use: the function's limit, or the module's own maximum when lower. */
    public static int maxPages(ModuleShape shape, FunctionSettings settings) {
        return shape.declaredMaxPages() < 0 ? settings.maxMemoryPages() : Math.min(shape.declaredMaxPages(), settings.maxMemoryPages());
    }

    /** Refuses a module whose initial memory is already beyond its limit. */
    public void checkInitialMemory() {
        if (initialPages > maxPages) {
            throw new WasmFunctionException(Reason.MEMORY_LIMIT, "'" + function + "' starts with " + initialPages
                    + " memory pages; its limit is " + maxPages);
        }
    }

    public WasmFunctionException timeout(Throwable cause) {
        return new WasmFunctionException(Reason.TIMEOUT, "'" + function + "' ran longer than its limit of "
                + settings.callTimeout().toMillis() + " ms and was stopped", cause);
    }

    public WasmFunctionException startTimeout(Throwable cause) {
        return new WasmFunctionException(Reason.TIMEOUT, "'" + function + "' did not finish starting (_start) within its time limit of "
                + settings.callTimeout().toMillis() + " ms and was stopped", cause);
    }

    public WasmFunctionException startFailed(Throwable cause) {
        return new WasmFunctionException(Reason.INSTANTIATION, "'" + function + "' failed to start (_start): " + cause.getMessage(), cause);
    }

    /** A call of a handler the module does not export: {@code callHandle} (CLI) or {@code callHandleHttp} (HTTP). */
    public WasmFunctionException noHandler(boolean http) {
        return new WasmFunctionException(Reason.MISSING_EXPORT, "'" + function + "' has no "
                + (http ? "HTTP handler (callHandleHttp)" : "CLI handler (callHandle)"));
    }

    public WasmFunctionException undeployed() {
        return new WasmFunctionException(Reason.INSTANTIATION, "'" + function + "' has been undeployed");
    }

    /**
     * A trap, or the memory limit when that is what it was: a guest whose memory.grow failed traps
     * instead of reporting it. TinyGo prints an out-of-memory panic first; without that, a trap
     * within 2 MiB of the limit counts.
     *
     * @param pages the guest's memory size when it trapped
     * @param said the last line the guest wrote to stdout or stderr
     */
    public WasmFunctionException trap(Throwable e, int pages, String said) {
        if (said.contains("out of memory") || (pages > initialPages && pages > maxPages - NEAR_LIMIT_PAGES)) {
            return new WasmFunctionException(Reason.MEMORY_LIMIT, "'" + function + "' needed more than its limit of "
                    + maxPages + " memory pages (" + (maxPages * 64L) + " KiB)", e);
        }
        String what = e instanceof StackOverflowError ? "call stack exhausted" : String.valueOf(e.getMessage());
        return new WasmFunctionException(Reason.TRAP, "'" + function + "' trapped: " + what
                + (said.isEmpty() ? "" : "; the guest said: " + said)
                + " (memory " + pages + " of " + maxPages + " pages)", e);
    }
}
