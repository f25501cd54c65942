// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.json.JsonText;
import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * The spans of pub/sub: {@code publish TOPIC} (producer, on the HTTP or gRPC publish) and {@code deliver TOPIC}
 * (consumer, one per delivery attempt), joined by the CloudEvent's {@code traceparent} extension attribute, as Dapr
 * writes it (a raw message, without an envelope, carries it in the broker's message headers): the publish span's context goes into the envelope, the delivery continues from it, and the delivery's
 * own context goes to the subscriber in the request's {@code traceparent} header.
 */
final class PubSubTraces {
    private PubSubTraces() {}

    static TraceSpan publish(Traces traces, String pubsub, String topic) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        return traces.start("publish " + topic, SpanKind.PRODUCER).attribute("messaging.system", "capa")
                .attribute("messaging.operation.type", "publish").attribute("messaging.destination.name", topic)
                .attribute("capaee.pubsub", pubsub);
    }

    /** {@code traceparent} and {@code tracestate} of the current span, for an envelope; empty when tracing is off. */
    static Map<String, String> context(Traces traces) {
        if (!traces.on()) {
            return Map.of();
        }
        Map<String, String> fields = new java.util.HashMap<>(2);
        TraceContext.injectCurrent(fields::put);
        return fields;
    }

    /** {@code traceparent} and {@code tracestate} of {@code span}, for the next hop's headers; empty when tracing is off. */
    static Map<String, String> fields(TraceSpan span) {
        if (span == TraceSpan.NONE) {
            return Map.of();
        }
        Map<String, String> fields = new java.util.HashMap<>(2);
        span.inject(fields::put);
        return fields;
    }

    /**
     * A delivery attempt of {@code event} (a CloudEvent), child of the span that published it when it says which: in
     * the envelope's extensions or, for a raw message, in the broker's {@code headers}.
     */
    static TraceSpan deliver(Traces traces, Subscription subscription, byte[] event, Map<String, String> headers, int attempt) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        Map<String, String> fields = extensions(event);
        if (fields.isEmpty() && headers.containsKey(TraceContext.TRACEPARENT)) {
            fields = headers;
        }
        Context parent = fields.isEmpty() ? Context.root() : TraceContext.extract(fields::get);
        return traces.open("deliver " + subscription.topic(), SpanKind.CONSUMER, parent).attribute("messaging.system", "capa")
                .attribute("messaging.operation.type", "process").attribute("messaging.destination.name", subscription.topic())
                .attribute("capaee.pubsub", subscription.pubsub()).attribute("capaee.route", subscription.route())
                .attribute("capaee.delivery.attempt", attempt);
    }

    private static Map<String, String> extensions(byte[] event) {
        try {
            if (JsonText.parse(event) instanceof JsonObject o && o.get(TraceContext.TRACEPARENT) instanceof JsonString p) {
                JsonValue state = o.get(TraceContext.TRACESTATE);
                return state instanceof JsonString s ? Map.of(TraceContext.TRACEPARENT, p.getString(), TraceContext.TRACESTATE, s.getString())
                        : Map.of(TraceContext.TRACEPARENT, p.getString());
            }
        } catch (JsonException e) {
            // not an envelope of ours: a new trace
        }
        return Map.of();
    }
}
