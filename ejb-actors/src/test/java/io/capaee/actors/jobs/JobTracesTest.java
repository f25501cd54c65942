// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.capaee.actors.runtime.ManualScheduler;
import io.capaee.actors.runtime.MemoryKeyValue;
import io.capaee.actors.runtime.Placement;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.tracing.TraceContext;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job's firings are spans of their own, linked to the span that scheduled the job, and their delivery carries them. */
class JobTracesTest {
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Traces traces = Traces.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    private final ManualScheduler clock = new ManualScheduler();
    private final MemoryKeyValue kv = new MemoryKeyValue();
    /** The traceparent the delivery saw as current, one per firing. */
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        provider.close();
    }

    private Jobs server() {
        Jobs jobs = new Jobs(JobSettings.defaults(), new JobStore(kv, "test:"), clock, clock,
                job -> delivered.add(String.valueOf(TraceContext.current().get(TraceContext.TRACEPARENT))), Runnable::run,
                Placement.single(), traces);
        jobs.start();
        return jobs;
    }

    @Test
    void eachFiringIsANewTraceLinkedToTheSpanThatScheduledTheJobAndCurrentWhileItIsDelivered() {
        Jobs jobs = server();
        try (TraceSpan request = traces.start("POST /v1.0-alpha1/jobs/twice", SpanKind.SERVER)) {
            jobs.schedule(new JobSpec("twice", "@every 10s", null, 2, null, "{}", null), false);
        }
        clock.advance(Duration.ofMinutes(1));

        List<SpanData> firings = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("job twice")).toList();
        assertEquals(2, firings.size(), exported.getFinishedSpanItems().toString());
        SpanData scheduling = exported.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("POST")).findFirst().orElseThrow();
        for (int i = 0; i < firings.size(); i++) {
            SpanData firing = firings.get(i);
            assertFalse(firing.getParentSpanContext().isValid(), "a trace of its own");
            assertEquals(1, firing.getLinks().size());
            assertEquals(scheduling.getSpanId(), firing.getLinks().get(0).getSpanContext().getSpanId(), "linked to what scheduled it");
            assertEquals(scheduling.getTraceId(), firing.getLinks().get(0).getSpanContext().getTraceId());
            assertEquals("00-" + firing.getTraceId() + "-" + firing.getSpanId() + "-01", delivered.get(i), "current while it is delivered");
        }
    }

    @Test
    void aJobScheduledOutsideAnySpanFiresAsAnUnlinkedTraceAndWithTracingOffNothingIsCarried() {
        server().schedule(new JobSpec("plain", null, "5s", 0, null, null, null), false);
        clock.advance(Duration.ofSeconds(10));
        SpanData firing = exported.getFinishedSpanItems().get(0);
        assertEquals("job plain", firing.getName());
        assertEquals(List.of(), firing.getLinks());

        Jobs off = new Jobs(JobSettings.defaults(), new JobStore(kv, "off:"), clock, clock,
                job -> delivered.add(String.valueOf(TraceContext.current().get(TraceContext.TRACEPARENT))), Runnable::run,
                Placement.single(), Traces.off());
        off.start();
        off.schedule(new JobSpec("dark", null, "5s", 0, null, null, null), false);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("00-" + firing.getTraceId() + "-" + firing.getSpanId() + "-01", "null"), delivered);
    }
}
