// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The span of an input binding's delivery, {@code inbound SOURCE DESTINATION} (consumer): it continues the
 * {@code traceparent} the message carried (a NATS header, a Kafka record header, a Redis stream field, an HTTP
 * header of a webhook: the sources put them in the message's metadata), and its own context replaces it in the
 * metadata, which the delivery passes on (HTTP headers to an app or function, metadata to an output binding); an actor
 * target's turn is its child.
 */
final class InboundTraces {
    private InboundTraces() {}

    static TraceSpan deliver(Traces traces, InboundMessage message) {
        if (!traces.on()) {
            return TraceSpan.NONE;
        }
        Context parent = TraceContext.extract(name -> value(message.metadata(), name));
        TraceSpan span = traces.open("inbound " + message.source() + " " + message.destination(), SpanKind.CONSUMER, parent)
                .attribute("messaging.system", message.source()).attribute("messaging.operation.type", "process")
                .attribute("messaging.destination.name", message.destination()).attribute("capaee.target", message.target())
                .attribute("capaee.delivery.attempt", message.attempt());
        return span;
    }

    /** {@code message} with the span's context in its metadata; as it is when tracing is off. */
    static InboundMessage withContext(TraceSpan span, InboundMessage message) {
        if (span == TraceSpan.NONE) {
            return message;
        }
        Map<String, String> metadata = new HashMap<>(message.metadata());
        metadata.keySet().removeIf(k -> k.equalsIgnoreCase(TraceContext.TRACEPARENT) || k.equalsIgnoreCase(TraceContext.TRACESTATE));
        span.inject(metadata::put);
        return new InboundMessage(message.source(), message.destination(), message.key(), message.data(), metadata,
                message.attempt(), message.target());
    }

    /**
     * The trace context in {@code message}'s metadata (after {@link #withContext}: the delivery span's), for the headers
     * of a call that carries no metadata of the message's own (a gRPC app's call metadata); empty when there is none.
     */
    static Map<String, String> fields(InboundMessage message) {
        Map<String, String> fields = new HashMap<>(2);
        for (String name : new String[] {TraceContext.TRACEPARENT, TraceContext.TRACESTATE}) {
            String v = value(message.metadata(), name);
            if (v != null) {
                fields.put(name, v);
            }
        }
        return fields;
    }

    private static String value(Map<String, String> metadata, String name) {
        String v = metadata.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
