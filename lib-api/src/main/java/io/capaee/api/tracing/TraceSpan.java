// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.BiConsumer;

/**
 * One span of Capa EE, ended by {@link #close()} (try-with-resources); while a started span is open it is the
 * current one on its thread, so the spans and outgoing calls made meanwhile are its children. {@link #NONE} (tracing
 * off) does nothing. Not thread-safe: one thread starts and closes it, except a span from
 * {@link Traces#open}, which any thread may end.
 */
public final class TraceSpan implements AutoCloseable {
    /** The span of tracing off: every method does nothing. */
    public static final TraceSpan NONE = new TraceSpan(null, null);

    private final Span span;
    private final Scope scope;

    private TraceSpan(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    static TraceSpan started(Span span, boolean current) {
        return new TraceSpan(span, current ? span.makeCurrent() : null);
    }

    public boolean recording() {
        return span != null && span.isRecording();
    }

    public TraceSpan attribute(String key, String value) {
        if (span != null && value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    public TraceSpan attribute(String key, long value) {
        if (span != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    /** An event on the span: a host call of a function, a retry. */
    public void event(String name, String key, String value) {
        if (span != null) {
            span.addEvent(name, Attributes.of(AttributeKey.stringKey(key), value));
        }
    }

    /** Marks the span failed with {@code error}, recorded as an exception event. */
    public void failed(Throwable error) {
        if (span != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        }
    }

    /** Marks the span failed, with a description. */
    public void failed(String description) {
        if (span != null) {
            span.setStatus(StatusCode.ERROR, description);
        }
    }

    /** The HTTP status of what the span did: {@code http.response.status_code}, and failed for a 5xx. */
    public void httpStatus(int status) {
        if (span != null) {
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR, "HTTP " + status);
            }
        }
    }

    /** Writes this span's context ({@code traceparent}, {@code tracestate}) with {@code put}: for the next hop. */
    public void inject(BiConsumer<String, String> put) {
        if (span != null) {
            TraceContext.inject(Context.current().with(span), put);
        }
    }

    /** This span's {@code traceparent}; null for {@link #NONE}. */
    public String traceparent() {
        if (span == null) {
            return null;
        }
        String[] value = new String[1];
        inject((k, v) -> {
            if (k.equals(TraceContext.TRACEPARENT)) {
                value[0] = v;
            }
        });
        return value[0];
    }

    /** The context of this span, for work it hands to another thread. */
    public Context context() {
        return span == null ? Context.current() : Context.current().with(span);
    }

    /** Makes this span current on this thread until the returned scope closes (a span from {@link Traces#open}). */
    public Scope enter() {
        return span == null ? Scope.noop() : span.makeCurrent();
    }

    @Override
    public void close() {
        if (span != null) {
            if (scope != null) {
                scope.close();
            }
            span.end();
        }
    }
}
