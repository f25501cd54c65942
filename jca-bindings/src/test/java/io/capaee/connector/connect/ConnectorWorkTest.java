// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.capaee.connector.inbound.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.connect.ComponentStep;
import io.capaee.api.connect.ConnectRuntime;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery contract of a connector, with a recording source and a sink that fails on demand. */
class ConnectorWorkTest {
    private final ThreadPoolWorkManager workManager = new ThreadPoolWorkManager();

    @AfterEach
    void closeWorkManager() throws InterruptedException {
        workManager.close();
    }
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
        volatile String ackFailsFor; // a message whose ack always throws (the broker lost the connection, say)

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
                                if (body.equals(ackFailsFor)) {
                                    throw new IllegalStateException("ack of " + body + " failed");
                                }
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
    static class FlakySink implements ConnectorSink {
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

    /** Refuses every message whose body is {@code poison}; takes whole batches in flight like the Kafka sink. */
    static final class PoisonRefusingSink extends FlakySink {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        PoisonRefusingSink(List<String> ackedAtSend) {
            super(0, ackedAtSend);
        }

        @Override
        public void send(Envelope message) {
            if (new String(message.data(), StandardCharsets.UTF_8).equals("poison")) {
                throw new IllegalStateException("refused");
            }
            super.send(message);
        }

        @Override
        public List<Exception> sendAll(List<Envelope> messages) {
            batchSizes.add(messages.size());
            List<Exception> results = new ArrayList<>();
            for (Envelope message : messages) {
                try {
                    send(message);
                    results.add(null);
                } catch (IllegalStateException e) {
                    results.add(e); // the later ones of the batch are in flight anyway
                }
            }
            return results;
        }
    }

    /** Records dead letters; fails the first {@code failures} writes (all when negative). */
    static final class RecordingDeadLetters implements DeadLetters {
        final List<String> written = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
        volatile int failures;

        RecordingDeadLetters(int failures) {
            this.failures = failures;
        }

        @Override
        public void send(Envelope message, DeliveryOutcome outcome) {
            if (failures != 0) {
                failures--;
                throw new IllegalStateException("dead-letter subject unreachable");
            }
            written.add(new String(message.data(), StandardCharsets.UTF_8));
            attempts.add(outcome.attempts());
        }

        @Override
        public void close() {
        }
    }

    private static final ConnectorSpec WITH_DEAD_LETTERS = new ConnectorParser(ConnectRuntime.load()).parse("""
            consumer: { nats: { url: "nats://127.0.0.1:4222" }, stream: { subject: in } }
            sink:
              type: nats
              config: { subject: out, dead_letter: { max_attempts: 3, backoff: 1ms, max_backoff: 2ms } }
            """, "test");

    private static ComponentFactory factory(ConnectorSource source, ConnectorSink sink, DeadLetters deadLetters) {
        return new ComponentFactory() {
            @Override
            public ConnectorSource source(ComponentStep step, String connectorId) {
                return source;
            }

            @Override
            public ConnectorSink sink(ComponentStep step, String connectorId) {
                return sink;
            }

            @Override
            public DeadLetters deadLetters(ConnectorSpec spec, DeadLetterPolicy policy) {
                assertEquals("dlq.connector.test", policy.subject());
                return deadLetters;
            }
        };
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

    @Test
    void aMessageIsAcknowledgedOnlyAfterTheSinkTookItAndFailuresAreRetriedAndCounted() throws Exception {
        RecordingSource source = new RecordingSource("a", "b", "c");
        FlakySink sink = new FlakySink(2, source.acked);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(SPEC, counters, null, factory(source, sink));
        work.start(workManager.pacer());
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
        work.start(workManager.pacer());
        await(() -> counters.errorCount() >= 2);
        work.release();
        assertTrue(work.awaitStopped(5000), "a stop does not wait for the back-off");
        assertEquals(List.of(), source.acked);
        assertEquals(List.of("a", "b"), source.released, "the message in flight and the rest of its batch");
        assertEquals(0, counters.outCount());
    }

    @Test
    void aMessageWaitingForItsRetryHoldsNoThreadOfTheWorkManager() throws Exception {
        RecordingSource source = new RecordingSource("a", "b");
        FlakySink sink = new FlakySink(-1, source.acked);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        try (ThreadPoolWorkManager oneThread = new ThreadPoolWorkManager(1)) {
            ConnectorWork work = new ConnectorWork(SPEC, counters, null, factory(source, sink));
            work.start(oneThread.pacer());
            await(() -> counters.errorCount() >= 3);
            // the back-off is waited out on the timer: the only thread stays free for other work
            assertTrue(oneThread.runsAnotherWork(2000), "a retrying connector held the only thread");
            work.release();
            assertTrue(work.awaitStopped(5000));
        }
        assertEquals(List.of("a", "b"), source.released);
        assertEquals(List.of(), source.acked);
    }

    @Test
    void aMessageTheSinkKeepsRefusingIsDeadLetteredAfterItsAttemptsAndTheOthersGoOnInOrder() throws Exception {
        RecordingSource source = new RecordingSource("a", "poison", "c", "d");
        PoisonRefusingSink sink = new PoisonRefusingSink(source.acked);
        RecordingDeadLetters deadLetters = new RecordingDeadLetters(0);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(WITH_DEAD_LETTERS, counters, null, factory(source, sink, deadLetters));
        work.start(workManager.pacer());
        await(() -> source.acked.size() == 4);
        work.release();
        assertTrue(work.awaitStopped(5000));
        assertEquals(List.of("a", "c", "d"), sink.accepted);
        assertEquals(List.of("poison"), deadLetters.written, "the refused message, as the source gave it");
        assertEquals(List.of(3), deadLetters.attempts);
        assertEquals(List.of("a", "poison", "c", "d"), source.acked, "acknowledged in source order");
        assertEquals(List.of(2, 2), sink.batchSizes, "each polled batch went to the sink at once");
        assertEquals(3, counters.outCount());
        assertEquals(1, counters.deadLetterCount());
        assertEquals(3, counters.errorCount(), "each refused attempt");
        assertEquals(List.of(), source.released);
    }

    @Test
    void aMessageIsAcknowledgedOnlyOnceItsDeadLetterIsWritten() throws Exception {
        RecordingSource source = new RecordingSource("poison", "b");
        PoisonRefusingSink sink = new PoisonRefusingSink(source.acked);
        RecordingDeadLetters deadLetters = new RecordingDeadLetters(2);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(WITH_DEAD_LETTERS, counters, null, factory(source, sink, deadLetters));
        work.start(workManager.pacer());
        await(() -> source.acked.size() == 2);
        work.release();
        assertTrue(work.awaitStopped(5000));
        assertEquals(List.of("poison"), deadLetters.written);
        assertEquals(List.of("poison", "b"), source.acked);
        assertEquals(5, counters.errorCount(), "3 refusals and 2 failed dead letters");
        assertEquals(1, counters.deadLetterCount());
    }

    @Test
    void aDeadLetterWrittenIsNotWrittenAgainWhenTheSourceAckFails() throws Exception {
        RecordingSource source = new RecordingSource("poison", "b");
        source.ackFailsFor = "poison";
        PoisonRefusingSink sink = new PoisonRefusingSink(source.acked);
        RecordingDeadLetters deadLetters = new RecordingDeadLetters(0);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(WITH_DEAD_LETTERS, counters, null, factory(source, sink, deadLetters));
        work.start(workManager.pacer());
        await(() -> source.acked.contains("b"));
        work.release();
        assertTrue(work.awaitStopped(5000));
        assertEquals(List.of("poison"), deadLetters.written, "written once, not once per failed ack");
        assertEquals(List.of("b"), source.acked);
        assertEquals(1, counters.deadLetterCount());
        assertEquals(List.of(), source.released);
    }

    @Test
    void aStopWhileTheDeadLetterCannotBeWrittenReleasesTheMessage() throws Exception {
        RecordingSource source = new RecordingSource("poison", "b");
        PoisonRefusingSink sink = new PoisonRefusingSink(source.acked);
        RecordingDeadLetters deadLetters = new RecordingDeadLetters(-1);
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(WITH_DEAD_LETTERS, counters, null, factory(source, sink, deadLetters));
        work.start(workManager.pacer());
        await(() -> counters.errorCount() >= 5);
        work.release();
        assertTrue(work.awaitStopped(5000));
        assertEquals(List.of("b"), sink.accepted, "b was in flight with the poison message");
        assertEquals(List.of(), source.acked, "nothing acknowledged after an unsettled message");
        assertEquals(List.of("poison", "b"), source.released);
        assertEquals(0, counters.deadLetterCount());
    }

    @Test
    void aSinkFailingUnexpectedlyReleasesTheBatchBeforeTheConnectorReopens() throws Exception {
        RecordingSource source = new RecordingSource("a", "b");
        FlakySink sink = new FlakySink(0, source.acked) {
            @Override
            public List<Exception> sendAll(List<Envelope> messages) {
                throw new IllegalStateException("producer closed");
            }
        };
        ConnectorCounters counters = new ConnectorCounters(Clock.systemUTC());
        ConnectorWork work = new ConnectorWork(SPEC, counters, null, factory(source, sink));
        work.start(workManager.pacer());
        await(() -> source.released.size() == 2);
        work.release();
        assertTrue(work.awaitStopped(5000));
        assertEquals(List.of("a", "b"), source.released, "back to the source, not left unacknowledged");
        assertEquals(List.of(), source.acked);
        assertEquals("IllegalStateException: producer closed", counters.lastError());
    }
}
