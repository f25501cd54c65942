// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code connectors}: where the connectors the API deployed are stored
 * ({@code desired-state}), why the store could not be read ({@code desired-state-unreadable}), and
 * one {@code failed <id>} entry per stored connector that does not run as stored, with the reason.
 * Always UP: one connector that cannot be deployed must not take the server's other APIs out of
 * rotation; the entries name it for the operator.
 */
@Readiness
@ApplicationScoped
public class ConnectorsReadiness implements HealthCheck {
    @Inject
    ConnectorReconciliation reconciliation;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("connectors").up();
        reconciliation.connectors().ifPresentOrElse(desired -> {
            response.withData("desired-state", desired.where());
            desired.storeFailure().ifPresent(why -> response.withData("desired-state-unreadable", why));
            desired.failures().forEach((id, failure) -> response.withData("failed " + id, failure.message()));
        }, () -> response.withData("desired-state", "none: no connector manager"));
        return response.build();
    }
}
