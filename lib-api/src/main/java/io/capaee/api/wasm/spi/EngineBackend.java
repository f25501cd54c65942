// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.spi;

import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.WasmFunction;

/**
 * One way of running Capsule modules behind {@link io.capaee.api.wasm.WasmEngine}: Chicory (built
 * in) or another engine found by {@link EngineBackendProvider}. Whatever it is, its functions keep
 * the promises of {@link WasmFunction}: every call sees the guest as right after {@code _start},
 * the function's time and memory limits hold, and guests reach the host only through Capsule's
 * {@code env} table ({@link io.capaee.api.wasm.internal.CapsuleHostFunctions}).
 */
public interface EngineBackend extends AutoCloseable {
    /** As {@link io.capaee.api.wasm.WasmEngine#load}. */
    WasmFunction load(String name, byte[] wasm, FunctionSettings settings);

    @Override
    void close();
}
