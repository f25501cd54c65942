// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Bindings, tagged {@code binding}: output bindings invoked through the binding API
 * ({@code capa_binding_invocations_total}, {@code capa_binding_errors_total}, the timer
 * {@code capa_binding_duration_seconds}) and input bindings' deliveries to their target
 * ({@code capa_binding_deliveries_total}, {@code capa_binding_delivery_errors_total}).
 */
public final class BindingMetrics {
    private static final Metadata INVOCATIONS = Metadata.builder().withName("capa.binding.invocations")
            .withDescription("Invocations of an output binding").build();
    private static final Metadata ERRORS = Metadata.builder().withName("capa.binding.errors")
            .withDescription("Invocations of an output binding that failed").build();
    private static final Metadata DURATION = Metadata.builder().withName("capa.binding.duration")
            .withDescription("Time an output binding took to answer").withUnit(MetricUnits.NANOSECONDS).build();
    private static final Metadata DELIVERIES = Metadata.builder().withName("capa.binding.deliveries")
            .withDescription("Messages an input binding delivered to its target").build();
    private static final Metadata DELIVERY_ERRORS = Metadata.builder().withName("capa.binding.delivery.errors")
            .withDescription("Deliveries of an input binding that failed (the source retries or dead-letters them)").build();

    private final Recorders<Out> out;
    private final Recorders<In> in;

    private record Out(Counter invocations, Counter errors, Timer duration) {}

    private record In(Counter deliveries, Counter errors) {}

    public BindingMetrics(MetricRegistry registry) {
        out = new Recorders<>(name -> {
            Tag tag = new Tag("binding", name);
            return new Out(registry.counter(INVOCATIONS, tag), registry.counter(ERRORS, tag), registry.timer(DURATION, tag));
        });
        in = new Recorders<>(name -> {
            Tag tag = new Tag("binding", name);
            return new In(registry.counter(DELIVERIES, tag), registry.counter(DELIVERY_ERRORS, tag));
        });
    }

    /** One invocation of the output binding {@code name}. */
    public void invoked(String name, long nanos, boolean failed) {
        Out r = out.of(name);
        r.invocations().inc();
        if (failed) {
            r.errors().inc();
        }
        r.duration().update(Duration.ofNanos(nanos));
    }

    /** Invocations of each output binding invoked since the start, by name. */
    public Map<String, Long> invocations() {
        return out.counts(r -> r.invocations().getCount());
    }

    public Map<String, Long> invocationErrors() {
        return out.counts(r -> r.errors().getCount());
    }

    /** Deliveries of each input binding that delivered since the start, by name. */
    public Map<String, Long> deliveries() {
        return in.counts(r -> r.deliveries().getCount());
    }

    public Map<String, Long> deliveryErrors() {
        return in.counts(r -> r.errors().getCount());
    }

    /** One delivery of the input binding {@code name}. */
    public void delivered(String name, boolean failed) {
        In r = in.of(name);
        r.deliveries().inc();
        if (failed) {
            r.errors().inc();
        }
    }
}
