// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.connect.ComponentStep;
import io.capaee.api.connect.ConnectRuntime;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery contract of a connector, with a recording source and a sink that fails on demand. */
class ConnectorWorkTest {
    private static final ConnectorSpec SPEC = new ConnectorParser(ConnectRuntime.load()).parse("""
            consumer: { nats: { url: "nats://127.0.0.1:4222" }, stream: { subject: in } }
            sink: { type: nats, config: { subject: out } }
            """, "test");

    /** Hands out its messages two per poll; records acknowledgements and releases. */
    static final class RecordingSource implements ConnectorSource {
        final Deque<String> pending = new ArrayDeque<>();
        final List<String> acked = Collections.synchronizedList(new ArrayList<>());
        final List<String> released = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;

        RecordingSource(String... messages) {
            pending.addAll(List.of(messages));
        }

        @Override
        public synchronized List<Received> poll(Duration wait) throws InterruptedException {
            List<Received> batch = new ArrayList<>();
            while (batch.size() < 2 && !pending.isEmpty()) {
                String body = pending.poll();
                batch.add(new Received(new Envelope(body.getBytes(StandardCharsets.UTF_8), Map.of("h", body), null),
                        new Received.Acknowledgement() {
                            @Override
                            public void ack() {
                                acked.add(body);
                            }

                            @Override
                            public void release() {
                                released.add(body);
                            }
                        }));
            }
            if (batch.isEmpty()) {
                Thread.sleep(10);
            }
            return batch;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Refuses the first {@code failures} sends (all when negative); records what it accepted. */
    static final class FlakySink implements ConnectorSink {
        final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<String> ackedAtSend;
        int failures;

        FlakySink(int failures, List<String> ackedAtSend) {
            this.failures = failures;
            this.ackedAtSend = ackedAtSend;
        }

        @Override
        public void send(Envelope message) {
            if (failures != 0) {
                failures--;
                throw new IllegalStateException("sink down");
            }
            String body = new String(message.data(), StandardCharsets.UTF_8);
            assertTrue(!ackedAtSend.contains(body), "acknowledged before the sink took it: " + body);
            accepted.add(body);
        }

        @Override
        public void close() {
        }
    }

    private static ComponentFactory factory(ConnectorSource source, ConnectorSink sink) {
        return new ComponentFactory() {
            @Override
            public ConnectorSource source(ComponentStep step, String connectorId) {
                return source;
            }

            @Override
            public ConnectorSink sink(ComponentStep step, String connectorId) {
                return sink;
            }
        };
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(done.getAsBoolean(), "condition not reached in 10 s");
    }

    @Test
    void aMessageIsAcknowledgedOnlyAfterTheSinkTookItAndFailuresAreRetriedAndCounted() throws Exception {
        RecordingSource source = new RecordingSource("a", "b", "c");
        FlakySink sink = new FlakySink(2, source.acked);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(SPEC, counters, null, factory(source, sink));
        Thread thread = new Thread(work);
        thread.start();
        await(() -> source.acked.size() == 3);
        work.release();
        assertTrue(work.awaitStopped(5000));
        assertEquals(List.of("a", "b", "c"), sink.accepted, "in source order, each once");
        assertEquals(List.of("a", "b", "c"), source.acked);
        assertEquals(3, counters.outCount());
        assertEquals(2, counters.errorCount());
        assertEquals("IllegalStateException: sink down", counters.lastError());
        assertTrue(source.closed, "the source is closed when the work stops");
    }

    @Test
    void aStopWhileTheSinkIsDownReleasesTheMessageInsteadOfAcknowledgingIt() throws Exception {
        RecordingSource source = new RecordingSource("a", "b");
        FlakySink sink = new FlakySink(-1, source.acked);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(SPEC, counters, null, factory(source, sink));
        Thread thread = new Thread(work);
        thread.start();
        await(() -> counters.errorCount() >= 2);
        work.release();
        assertTrue(work.awaitStopped(5000), "a stop does not wait for the back-off");
        assertEquals(List.of(), source.acked);
        assertEquals(List.of("a", "b"), source.released, "the message in flight and the rest of its batch");
        assertEquals(0, counters.outCount());
    }
}
