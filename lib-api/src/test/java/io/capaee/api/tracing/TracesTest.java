// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracesTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER = "b7ad6b7169203331";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Traces traces = Traces.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aNoOpOpenTelemetryTurnsTracingOffAndEverySpanIsNone() {
        Traces off = Traces.of(OpenTelemetry.noop());
        assertFalse(off.on());
        assertSame(TraceSpan.NONE, off.start("x", SpanKind.INTERNAL));
        assertSame(TraceSpan.NONE, off.startFrom("x", SpanKind.SERVER, name -> null));
        assertSame(TraceSpan.NONE, off.open("x", SpanKind.CONSUMER, Context.root()));
        assertSame(TraceSpan.NONE, off.startLinked("x", SpanKind.INTERNAL, Context.root()));
        assertNull(TraceSpan.NONE.traceparent());
        Map<String, String> headers = new HashMap<>();
        TraceSpan.NONE.inject(headers::put);
        assertTrue(headers.isEmpty(), "nothing to pass on when tracing is off");
    }

    @Test
    void anSdkTurnsTracingOnAndTheProbeIsNeverExported() {
        assertTrue(traces.on());
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    @Test
    void aSpanStartedWhileAnotherIsOpenIsItsChildInTheSameTrace() {
        try (TraceSpan outer = traces.start("outer", SpanKind.SERVER)) {
            try (TraceSpan inner = traces.start("inner", SpanKind.PRODUCER)) {
                inner.attribute("capaee.pubsub", "orders");
            }
        }
        SpanData outer = span("outer");
        SpanData inner = span("inner");
        assertEquals(outer.getTraceId(), inner.getTraceId());
        assertEquals(outer.getSpanId(), inner.getParentSpanId());
        assertEquals(SpanKind.PRODUCER, inner.getKind());
        assertEquals("orders", inner.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("capaee.pubsub")).findFirst().orElseThrow().getValue());
    }

    @Test
    void aLinkedSpanStartsATraceOfItsOwnLinkedToItsCauseEvenInsideAnotherSpan() {
        Map<String, String> cause = Map.of("traceparent", "00-" + TRACE + "-" + CALLER + "-01");
        try (TraceSpan outer = traces.start("outer", SpanKind.SERVER);
                TraceSpan linked = traces.startLinked("job j", SpanKind.INTERNAL, TraceContext.extract(cause::get))) {
            assertEquals(linked.traceparent(), TraceContext.current().get("traceparent"), "current until closed");
        }
        SpanData linked = span("job j");
        assertFalse(linked.getParentSpanContext().isValid(), "no parent");
        assertEquals(1, linked.getLinks().size());
        assertEquals(TRACE, linked.getLinks().get(0).getSpanContext().getTraceId());
        assertEquals(CALLER, linked.getLinks().get(0).getSpanContext().getSpanId());
        assertFalse(linked.getTraceId().equals(TRACE));

        try (TraceSpan unlinked = traces.startLinked("job k", SpanKind.INTERNAL, Context.root())) {
            assertTrue(unlinked.recording());
        }
        assertTrue(span("job k").getLinks().isEmpty(), "no cause, no link");
    }

    @Test
    void startFromContinuesTheTraceparentOfTheHeadersWhenNoSpanIsCurrent() {
        Map<String, String> headers = Map.of("traceparent", "00-" + TRACE + "-" + CALLER + "-01");
        try (TraceSpan span = traces.startFrom("proxy f", SpanKind.SERVER, headers::get)) {
            assertTrue(span.recording());
        }
        SpanData s = span("proxy f");
        assertEquals(TRACE, s.getTraceId());
        assertEquals(CALLER, s.getParentSpanId());
        assertEquals(SpanKind.SERVER, s.getKind());
    }

    @Test
    void startFromUnderACurrentSpanIsItsInternalChildWhateverTheHeadersSay() {
        Map<String, String> headers = Map.of("traceparent", "00-" + TRACE + "-" + CALLER + "-01");
        try (TraceSpan request = traces.start("GET /wasm", SpanKind.SERVER)) {
            try (TraceSpan ignored = traces.startFrom("function f", SpanKind.SERVER, headers::get)) {
                // the request's span was made from the same headers by the container
            }
        }
        SpanData function = span("function f");
        assertEquals(span("GET /wasm").getSpanId(), function.getParentSpanId());
        assertEquals(SpanKind.INTERNAL, function.getKind());
    }

    @Test
    void theInjectedContextIsReadBackAsTheParentOfTheNextHop() {
        Map<String, String> carried = new HashMap<>();
        try (TraceSpan publish = traces.start("publish t", SpanKind.PRODUCER)) {
            publish.inject(carried::put);
            assertEquals(carried.get(TraceContext.TRACEPARENT), publish.traceparent());
        }
        try (TraceSpan deliver = traces.open("deliver t", SpanKind.CONSUMER, TraceContext.extract(carried::get))) {
            deliver.attribute("capaee.delivery.attempt", 1);
        }
        SpanData publish = span("publish t");
        SpanData deliver = span("deliver t");
        assertEquals(publish.getTraceId(), deliver.getTraceId());
        assertEquals(publish.getSpanId(), deliver.getParentSpanId());
        assertTrue(carried.get(TraceContext.TRACEPARENT).matches("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01"));
    }

    @Test
    void anOpenedSpanIsCurrentOnlyInsideEnter() {
        TraceSpan turn = traces.open("actor a.m", SpanKind.INTERNAL, Context.root());
        try (var in = turn.enter()) {
            try (TraceSpan nested = traces.start("invoke b", SpanKind.CLIENT)) {
                nested.attribute("capaee.app_id", "b");
            }
        }
        try (TraceSpan after = traces.start("after", SpanKind.INTERNAL)) {
            after.attribute("x", "y");
        }
        turn.close();
        assertEquals(span("actor a.m").getSpanId(), span("invoke b").getParentSpanId());
        assertFalse(span("after").getParentSpanContext().isValid(), "after the scope the turn is no longer current");
    }

    @Test
    void aFailureMarksTheSpanAndRecordsTheException() {
        try (TraceSpan span = traces.start("binding b", SpanKind.CLIENT)) {
            span.failed(new IllegalStateException("refused"));
        }
        try (TraceSpan span = traces.start("deliver t", SpanKind.CONSUMER)) {
            span.httpStatus(503);
        }
        SpanData binding = span("binding b");
        assertEquals(StatusCode.ERROR, binding.getStatus().getStatusCode());
        assertEquals("refused", binding.getStatus().getDescription());
        assertEquals("exception", binding.getEvents().get(0).getName());
        assertEquals(StatusCode.ERROR, span("deliver t").getStatus().getStatusCode());
    }

    @Test
    void aTraceparentThatIsNotW3cStartsANewTrace() {
        Map<String, String> headers = Map.of("traceparent", "00-abc-def-01");
        try (TraceSpan span = traces.startFrom("proxy f", SpanKind.SERVER, headers::get)) {
            span.attribute("capaee.function", "f");
        }
        assertFalse(span("proxy f").getParentSpanContext().isValid());
    }

    private SpanData span(String name) {
        List<SpanData> found = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, found.size(), "spans named " + name + " in " + exported.getFinishedSpanItems());
        return found.get(0);
    }
}
