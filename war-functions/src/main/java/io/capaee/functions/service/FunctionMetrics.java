// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Per-function metrics in MicroProfile Metrics' application scope, tagged with function and
 * revision: {@code capa_function_invocations_total}, {@code capa_function_errors_total} and the
 * {@code capa_function_duration_seconds} timer.
 */
@ApplicationScoped
public class FunctionMetrics {
    private static final Metadata INVOCATIONS = Metadata.builder().withName("capa.function.invocations")
            .withDescription("Calls of a wasm function").build();
    private static final Metadata ERRORS = Metadata.builder().withName("capa.function.errors")
            .withDescription("Calls of a wasm function that failed: trap, time or memory limit, guest error (HTTP 500)").build();
    private static final Metadata DURATION = Metadata.builder().withName("capa.function.duration")
            .withDescription("Time spent in a wasm function call").withUnit(MetricUnits.NANOSECONDS).build();

    @Inject
    MetricRegistry registry;

    /**
     * The metrics of a revision, created up front so they show (at 0) before its first call, and
     * held by the deployment so that a call does not look them up in the registry.
     */
    Recorder recorder(String function, String revision) {
        Tag[] tags = tags(function, revision);
        return new Recorder(registry.counter(INVOCATIONS, tags), registry.counter(ERRORS, tags), registry.timer(DURATION, tags));
    }

    /** Records the calls of one revision. */
    public record Recorder(Counter invocations, Counter errors, Timer duration) {
        public void record(Duration elapsed, boolean failed) {
            invocations.inc();
            if (failed) {
                errors.inc();
            }
            duration.update(elapsed);
        }
    }

    private static Tag[] tags(String function, String revision) {
        return new Tag[] {new Tag("function", function), new Tag("revision", revision)};
    }
}
