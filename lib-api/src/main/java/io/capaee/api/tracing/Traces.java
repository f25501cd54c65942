// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.function.Function;

/**
 * Starts Capa EE's spans, on the {@code OpenTelemetry} of the application (MicroProfile Telemetry's CDI bean;
 * {@code GlobalOpenTelemetry} is a no-op on Liberty). When that is the no-op one (tracing off), {@link #on()} is
 * false and every method returns {@link TraceSpan#NONE} at once: nothing is built, nothing is read.
 * Immutable and thread-safe: one per module, made once.
 */
public final class Traces {
    /** The instrumentation scope of every Capa EE span. */
    public static final String SCOPE = "io.capaee";
    private static final Traces OFF = new Traces(null);

    private final Tracer tracer; // null when off

    private Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Tracing off: every span is {@link TraceSpan#NONE}. */
    public static Traces off() {
        return OFF;
    }

    /**
     * Spans on {@code openTelemetry}; off when it is a no-op one. A no-op tracer's spans have no valid context,
     * while an SDK's always do (sampled or not), which is how the two are told apart.
     */
    public static Traces of(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Tracer tracer = openTelemetry.getTracer(SCOPE);
        Span probe = tracer.spanBuilder("capa.probe").setNoParent().startSpan(); // never ended: never exported
        return probe.getSpanContext().isValid() ? new Traces(tracer) : OFF;
    }

    public boolean on() {
        return tracer != null;
    }

    /** A span, child of the current one (if any), current until closed. */
    public TraceSpan start(String name, SpanKind kind) {
        return tracer == null ? TraceSpan.NONE : TraceSpan.started(tracer.spanBuilder(name).setSpanKind(kind)
                .setParent(Context.current()).startSpan(), true);
    }

    /**
     * A span that continues the trace of a request that came from elsewhere: the child of the current span when
     * there is one (a JAX-RS request, which the feature traces), else of the context in {@code headers}
     * ({@code traceparent}), else a new trace. Current until closed.
     *
     * @param kind the span's kind when it continues from the headers or starts a trace; the child of a local span
     *     is {@link SpanKind#INTERNAL}
     */
    public TraceSpan startFrom(String name, SpanKind kind, Function<String, String> headers) {
        return fromHeaders(name, kind, headers, true);
    }

    /**
     * As {@link #startFrom}, but not made current: for a request answered on another thread when its work waited
     * (make it current where its work runs with {@link TraceSpan#enter()}, and close it once answered).
     */
    public TraceSpan openFrom(String name, SpanKind kind, Function<String, String> headers) {
        return fromHeaders(name, kind, headers, false);
    }

    private TraceSpan fromHeaders(String name, SpanKind kind, Function<String, String> headers, boolean current) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        boolean local = Span.current().getSpanContext().isValid();
        Context parent = local ? Context.current() : TraceContext.extract(headers);
        return TraceSpan.started(tracer.spanBuilder(name).setSpanKind(local ? SpanKind.INTERNAL : kind).setParent(parent).startSpan(),
                current);
    }

    /**
     * The first span of a new trace, linked to the span of {@code cause} (when it has one): work that a span asked
     * for long before it runs, such as a job's firing, which would make the trace that scheduled it last as long as
     * the job. Current until closed.
     */
    public TraceSpan startLinked(String name, SpanKind kind, Context cause) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        SpanBuilder span = tracer.spanBuilder(name).setSpanKind(kind).setNoParent();
        SpanContext linked = Span.fromContext(cause).getSpanContext();
        if (linked.isValid()) {
            span.addLink(linked);
        }
        return TraceSpan.started(span.startSpan(), true);
    }

    /**
     * A span with an explicit parent, not made current (a turn that ends on another thread): make it current
     * where its work runs, with {@link TraceSpan#enter()}.
     */
    public TraceSpan open(String name, SpanKind kind, Context parent) {
        return tracer == null ? TraceSpan.NONE : TraceSpan.started(tracer.spanBuilder(name).setSpanKind(kind)
                .setParent(parent).startSpan(), false);
    }
}
