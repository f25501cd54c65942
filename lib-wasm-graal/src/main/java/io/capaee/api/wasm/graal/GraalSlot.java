// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.graal;

import io.capaee.api.wasm.internal.CapsuleHostFunctions;
import io.capaee.api.wasm.internal.CapsuleHostFunctions.HostCall;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A polyglot context holding one function's module, used by one call at a time. Every call gets
 * a new instance of the module in it ({@link #instantiate}): GraalWasm cannot put a used instance
 * back to its state after {@code _start} (the guest's mutable globals, such as the shadow-stack
 * pointer, are not exported), so isolation comes from never reusing one. A context whose call was
 * stopped is closed, never reused.
 *
 * <p>The context gets no host access: no files, no environment, no threads, no native code; its
 * WASI ({@code wasi_snapshot_preview1}, GraalWasm's own) sees no arguments and writes stdout and
 * stderr to the function's {@code output}. Guests reach the host only through Capsule's {@code env} table.
 */
final class GraalSlot implements AutoCloseable {
    private final Context context;
    private final Value module;
    private final Object imports;
    /** The instance the host functions act on: the one the current call runs. */
    private GraalGuest current;

    GraalSlot(Engine engine, Source source, OutputStream output, Map<String, HostCall> calls) {
        this.context = Context.newBuilder("wasm")
                .engine(engine)
                .out(output)
                .err(output)
                .option("wasm.Builtins", "wasi_snapshot_preview1")
                .build();
        try {
            this.module = context.eval(source);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        Map<String, Object> env = new HashMap<>();
        calls.forEach((name, call) -> env.put(name, (ProxyExecutable) args -> {
            long[] values = new long[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].asLong();
            }
            call.call(current, values);
            return null;
        }));
        this.imports = ProxyObject.fromMap(Map.of(CapsuleHostFunctions.MODULE, ProxyObject.fromMap(env)));
    }

    /** A fresh instance of the module, its {@code _start} run. */
    GraalGuest instantiate() {
        current = new GraalGuest(module.newInstance(imports).getMember("exports"));
        current.start();
        return current;
    }

    /** Stops the call running in this context, from another thread (the time limit). */
    void cancel() {
        context.close(true);
    }

    @Override
    public void close() {
        context.close(true);
    }
}
