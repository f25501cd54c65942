// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.graal;

import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.internal.CallWatchdog;
import io.capaee.api.wasm.spi.EngineBackend;
import io.capaee.api.wasm.spi.EngineBackendProvider;

/** {@code capa.functions.engine=graalwasm}. */
public final class GraalWasmProvider implements EngineBackendProvider {
    public static final String NAME = "graalwasm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineBackend open(HostServices services, CallWatchdog watchdog, boolean optimize) {
        return new GraalWasmBackend(services, watchdog, optimize);
    }
}
