// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.inbound.InboundEndpointsMXBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code inbound}: one entry per activated input-binding bean (fed by the resource
 * adapter's activation specs) with {@code UP} or {@code DOWN: <why>} and the source it reads, from
 * the adapter's {@link InboundEndpointsMXBean}. The state is what the endpoints last saw (no probe
 * is sent), so the check never waits. As for output bindings, only the beans listed in
 * {@code capa.bindings.required-inbound} make the server unready when their source is away.
 */
@Readiness
@ApplicationScoped
public class InboundReadiness implements HealthCheck {
    @Inject
    @ConfigProperty(name = "capa.bindings.required-inbound")
    Optional<String> required; // empty server.xml variables read as absent

    @Override
    public HealthCheckResponse call() {
        Set<String> mustBeUp = BindingsReadiness.required(required);
        Map<String, String> states = states();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("inbound");
        boolean up = true;
        for (String bean : mustBeUp) {
            String state = states.get(bean);
            up &= state != null && state.startsWith("UP");
            if (state == null) {
                response.withData(bean, "DOWN: not active (disabled, or no such bean)");
            }
        }
        states.forEach(response::withData);
        return response.status(up).build();
    }

    private static Map<String, String> states() {
        return AdapterEndpoints.find().map(InboundEndpointsMXBean::getStates).orElse(Map.of()); // empty: the adapter is not running
    }
}
