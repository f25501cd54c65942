// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code bindings}: one entry per output binding ({@code eis/binding/*}) with
 * {@code UP} or {@code DOWN: <why>}. Only the bindings listed in {@code capa.bindings.required}
 * make the server unready when down: an optional system being away should not take every other
 * API out of rotation.
 */
@Readiness
@ApplicationScoped
public class BindingsReadiness implements HealthCheck {
    @Inject
    @ConfigProperty(name = "capa.bindings.required")
    Optional<String> required; // empty server.xml variables read as absent

    @Override
    public HealthCheckResponse call() {
        Set<String> mustBeUp = Arrays.stream(required.orElse("").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        TreeMap<String, String> states = new TreeMap<>();
        for (String name : names()) {
            states.put(name, state(name));
        }
        for (String name : mustBeUp) {
            states.putIfAbsent(name, "DOWN: no binding named " + name);
        }
        boolean up = mustBeUp.stream().allMatch(name -> "UP".equals(states.get(name)));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("bindings").status(up);
        states.forEach(response::withData);
        return response.build();
    }

    private static String state(String name) {
        try {
            Object found = InitialContext.doLookup(BindingsResource.JNDI_PREFIX + name);
            if (!(found instanceof OutputBindingFactory factory)) {
                return "DOWN: not an output binding";
            }
            try (OutputBinding binding = factory.getConnection()) {
                binding.check();
            }
            return "UP";
        } catch (NamingException | RuntimeException e) {
            return "DOWN: " + e.getMessage();
        }
    }

    private static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>();
        try {
            NamingEnumeration<NameClassPair> list = new InitialContext().list(
                    BindingsResource.JNDI_PREFIX.substring(0, BindingsResource.JNDI_PREFIX.length() - 1));
            while (list.hasMore()) {
                names.add(list.next().getName());
            }
        } catch (NamingException e) {
            // no binding configured at all
        }
        return names;
    }
}
