// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The worker's desired state as readiness data: how many deployments run, and every stored
 * deployment or default that does not run as stored, with why. It stays UP: one broken entry (a
 * module deleted from the registry) must not take every replica of the server out of service,
 * while the others serve; the data, the listing's {@code failure} fields and the log name it.
 * The health endpoint is public: the data name deployments and modules, never files, keys or
 * download URLs (the log has those).
 */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {
    @Inject
    WorkerService worker;

    @Override
    public HealthCheckResponse call() {
        var failures = worker.failures();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("wasm-worker").up()
                .withData("deployments", worker.deployments().size())
                .withData("failures", failures.size());
        failures.forEach(response::withData);
        return response.build();
    }
}
