// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the functions directory has been scanned; reports the engine ({@code capa.functions.engine}),
 * how many revisions run and how many failed to deploy (a failed module does not make the server unready: others still serve).
 */
@Readiness
@ApplicationScoped
public class FunctionsReadiness implements HealthCheck {
    @Inject
    FunctionRegistry registry;

    @Inject
    WasmRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("wasm-functions")
                .status(true)
                .withData("engine", runtime.engine().name())
                .withData("deployed", registry.deployments().size())
                .withData("failed", registry.failures().size())
                .build();
    }
}
