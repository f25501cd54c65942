// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import java.util.List;

/**
 * A loaded Capsule 0.1.x function. Thread-safe: concurrent calls run on separate instances, and
 * every call sees the guest as it was right after {@code _start} (no state leaks between calls).
 * Every failure (trap, time limit, memory limit) is a {@link WasmFunctionException}.
 */
public interface WasmFunction extends AutoCloseable {
    FunctionInfo info();

    /** Calls {@code callHandle} with the arguments joined by {@code °}, as Capsule's CLI mode does. */
    CliResult callCli(List<String> args);

    /** Calls {@code callHandleHttp} and maps the result by Capsule's HTTP rules. */
    HttpReply callHttp(HttpInvocation request);

    /**
     * Sets how many started instances this function keeps ready, and starts them now: the
     * one-JVM equivalent of running more or fewer Capsule processes for a revision.
     *
     * @param instances at least 1
     */
    void scale(int instances);

    /** How many ready instances the pool keeps. */
    int instances();

    /** Drops the idle instances; calls already running finish. */
    @Override
    void close();
}
