// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.time.Instant;

/**
 * The span of a job's firing, {@code job NAME}: the first span of a trace of its own (a repeating job would otherwise
 * make the request that scheduled it last for days), linked to the span that scheduled it, whose {@code traceparent}
 * is stored with the job. It is current while the firing is delivered, so the delivery's hops carry its context: the
 * {@code traceparent} header of a request to the app or a function, the call metadata of a gRPC app, the metadata of an
 * output binding, and an actor's turn is its child.
 */
final class JobTraces {
    private JobTraces() {}

    /** The {@code traceparent} of the current span, stored with a job it schedules; null when there is none. */
    static String scheduledBy(Traces traces) {
        return traces.on() ? TraceContext.current().get(TraceContext.TRACEPARENT) : null;
    }

    static TraceSpan fire(Traces traces, StoredJob job, Instant due, int attempt) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        Context cause = job.traceparent() == null ? Context.root()
                : TraceContext.extract(name -> name.equals(TraceContext.TRACEPARENT) ? job.traceparent() : null);
        String target = job.spec().target() == null ? "app" : job.spec().target();
        return traces.startLinked("job " + job.spec().name(), SpanKind.INTERNAL, cause).attribute("capaee.job", job.spec().name())
                .attribute("capaee.target", target).attribute("capaee.job.due", due.toString())
                .attribute("capaee.delivery.attempt", attempt);
    }
}
