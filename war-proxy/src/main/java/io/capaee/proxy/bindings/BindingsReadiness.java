// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * API out of rotation. The checks run in parallel on the managed executor and the answer waits at
 * most {@link #BUDGET}: a binding still connecting (the first check opens its client) is reported
 * {@code DOWN: no answer yet} and finishes in the background, so a probe never hangs.
 */
@Readiness
@ApplicationScoped
public class BindingsReadiness implements HealthCheck {
    static final Duration BUDGET = Duration.ofSeconds(3);

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "capa.bindings.required")
    Optional<String> required; // empty server.xml variables read as absent

    @Override
    public HealthCheckResponse call() {
        Set<String> mustBeUp = required(required);
        Map<String, Future<String>> checks = new TreeMap<>();
        for (String name : names()) {
            checks.put(name, executor.submit(() -> state(name)));
        }
        long deadline = System.nanoTime() + BUDGET.toNanos();
        TreeMap<String, String> states = new TreeMap<>();
        checks.forEach((name, check) -> states.put(name, await(check, deadline)));
        for (String name : mustBeUp) {
            states.putIfAbsent(name, "DOWN: no binding named " + name);
        }
        boolean up = mustBeUp.stream().allMatch(name -> "UP".equals(states.get(name)));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("bindings").status(up);
        states.forEach(response::withData);
        return response.build();
    }

    /** The names of a comma-separated list variable ({@code capa.bindings.required*}), blanks dropped. */
    static Set<String> required(Optional<String> list) {
        return Arrays.stream(list.orElse("").split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String await(Future<String> check, long deadline) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return "DOWN: no answer yet within " + BUDGET.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        } catch (ExecutionException e) {
            return "DOWN: " + e.getCause();
        }
    }

    private static String state(String name) {
        try {
            Object found = InitialContext.doLookup(OutputBindings.JNDI_PREFIX + name);
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

    /** The configured output bindings' names ({@code eis/binding/*}). */
    public static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>();
        try {
            NamingEnumeration<NameClassPair> list = new InitialContext().list(
                    OutputBindings.JNDI_PREFIX.substring(0, OutputBindings.JNDI_PREFIX.length() - 1));
            while (list.hasMore()) {
                names.add(list.next().getName());
            }
        } catch (NamingException e) {
            // no binding configured at all
        }
        return names;
    }
}
