// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) read from and written to whatever carries it
 * between hops: HTTP headers, a CloudEvent's extension attributes, NATS and Kafka headers, Redis stream fields.
 * Always W3C, whatever {@code otel.propagators} says, so that every hop of Capa EE reads what another wrote.
 */
public final class TraceContext {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);

    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return FIELDS;
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };
    private static final TextMapSetter<BiConsumer<String, String>> SETTER = (carrier, key, value) -> carrier.accept(key, value);

    private TraceContext() {}

    /** The context {@code fields} hold (by field name, null when absent); the root context when none. */
    public static Context extract(Function<String, String> fields) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), fields, GETTER);
    }

    /** Writes the span context of {@code context} with {@code put}; nothing when it has no valid span. */
    public static void inject(Context context, BiConsumer<String, String> put) {
        W3CTraceContextPropagator.getInstance().inject(context, put, SETTER);
    }

    /** The current span's {@code traceparent} and {@code tracestate}; empty when there is no span (tracing off). */
    public static Map<String, String> current() {
        Map<String, String> fields = new HashMap<>(2);
        injectCurrent(fields::put);
        return fields;
    }

    /** Writes the current span's context with {@code put}: an outgoing call made inside a span. */
    public static void injectCurrent(BiConsumer<String, String> put) {
        inject(Context.current(), put);
    }
}
