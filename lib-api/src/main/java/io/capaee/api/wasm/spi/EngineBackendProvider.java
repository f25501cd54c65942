// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.spi;

import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.internal.CallWatchdog;

/**
 * Makes an {@link EngineBackend} other than Chicory; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.capaee.api.wasm.spi.EngineBackendProvider}) when
 * {@code capa.functions.engine} names it. An engine that needs a newer Java than the rest of the
 * server lives in a module of its own, so the default build and server never load it.
 */
public interface EngineBackendProvider {
    /** What {@code capa.functions.engine} calls it, for example {@code graalwasm}. */
    String name();

    /**
     * @param watchdog enforces call time limits
     * @param optimize false: the engine's simplest mode (an interpreter), for comparison and as an escape hatch
     */
    EngineBackend open(HostServices services, CallWatchdog watchdog, boolean optimize);
}
