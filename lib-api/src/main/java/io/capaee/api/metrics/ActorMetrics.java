// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Actor turns per actor type (tag {@code type}): {@code capa_actor_calls_total},
 * {@code capa_actor_errors_total}, the timer {@code capa_actor_duration_seconds} (queueing and turn),
 * {@code capa_actor_reminders_fired_total}, and the gauges {@code capa_actor_queued} (calls waiting for their turn)
 * and {@code capa_actor_reminders} (reminders armed on this server).
 */
public final class ActorMetrics {
    private static final Metadata CALLS = Metadata.builder().withName("capa.actor.calls")
            .withDescription("Method calls of actors of a type, hosted on this server").build();
    private static final Metadata ERRORS = Metadata.builder().withName("capa.actor.errors")
            .withDescription("Method calls of actors of a type that failed").build();
    private static final Metadata DURATION = Metadata.builder().withName("capa.actor.duration")
            .withDescription("Time from a call's arrival to its turn's end, queueing included").withUnit(MetricUnits.NANOSECONDS).build();
    private static final Metadata REMINDERS = Metadata.builder().withName("capa.actor.reminders.fired")
            .withDescription("Reminders of actors of a type that fired on this server").build();
    private static final Metadata QUEUED = Metadata.builder().withName("capa.actor.queued")
            .withDescription("Calls waiting for their turn, over the actors of a type active on this server").build();
    private static final Metadata ARMED = Metadata.builder().withName("capa.actor.reminders")
            .withDescription("Reminders of actors of a type armed on this server (those it fires)").build();

    private final MetricRegistry registry;

    public ActorMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * The metrics of one type, made up front (they show at 0) and held by the type's statistics.
     *
     * @param queued how many calls of the type wait for their turn now
     * @param armed how many of its reminders are armed here now
     */
    public Recorder recorder(String type, Supplier<Integer> queued, Supplier<Integer> armed) {
        Tag tag = new Tag("type", type);
        registry.gauge(QUEUED, queued, tag);
        registry.gauge(ARMED, armed, tag);
        return new Recorder(registry.counter(CALLS, tag), registry.counter(ERRORS, tag), registry.timer(DURATION, tag),
                registry.counter(REMINDERS, tag), queued, armed);
    }

    /**
     * Records the calls and reminders of one actor type; holds its gauges' sources (a registry may keep only a weak
     * reference to them).
     */
    public record Recorder(Counter calls, Counter errors, Timer duration, Counter reminders, Supplier<Integer> queued,
                           Supplier<Integer> armed) {
        public void call(long nanos, boolean failed) {
            calls.inc();
            if (failed) {
                errors.inc();
            }
            duration.update(Duration.ofNanos(nanos));
        }

        public void reminderFired() {
            reminders.inc();
        }
    }
}
