// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The span of an actor call, {@code actor TYPE.METHOD}: opened on the caller's thread (the child of its span: the
 * HTTP or gRPC request, a pub/sub delivery), current on the turn's thread while the method runs (so that what the
 * method calls is its child), ended when the turn ends. It covers the wait for the turn as well.
 */
final class ActorTraces {
    private ActorTraces() {}

    static TraceSpan turn(Traces traces, ActorId actor, String method) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.open("actor " + actor.type() + "." + method, SpanKind.INTERNAL, Context.current())
                .attribute("capaee.actor.type", actor.type()).attribute("capaee.actor.id", actor.id()).attribute("capaee.actor.method", method);
    }

    /** {@code body}, run with {@code span} current. */
    static <T> Function<Activation, CompletionStage<T>> within(TraceSpan span, Function<Activation, CompletionStage<T>> body) {
        if (span == TraceSpan.NONE) {
            return body;
        }
        return a -> {
            try (Scope in = span.enter()) {
                return body.apply(a);
            }
        };
    }

    static void end(TraceSpan span, Throwable error) {
        if (error != null) {
            span.failed(Stages.cause(error));
        }
        span.close();
    }
}
