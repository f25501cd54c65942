// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static io.capaee.connector.inbound.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The turns of a subscription, driven by hand: the test is the scheduler, and the pauses a turn
 * asks for are what a timer would wait. No clock is read.
 */
class SubscriptionTurnsTest {
    private static final Duration WAIT = Duration.ofMillis(5);
    private static final DeliveryPolicy THREE_ATTEMPTS = new DeliveryPolicy(3, 100, 150);

    /** What the source and the handler saw, in order. */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final FakeBroker broker = new FakeBroker();

    private final class FakeBroker implements Broker {
        final Deque<String> queued = new ArrayDeque<>();
        volatile boolean ready = true;
        volatile boolean readyOnTake;
        final List<String> stale = new ArrayList<>();

        @Override
        public void publish(String topic, byte[] message, Map<String, String> headers) {
            synchronized (queued) {
                queued.add(new String(message, StandardCharsets.UTF_8));
            }
        }

        @Override
        public BrokerSource open(String topic, String group) {
            log.add("open");
            return new BrokerSource() {
                @Override
                public List<BrokerMessage> take(Duration wait) {
                    List<BrokerMessage> taken = new ArrayList<>();
                    ready = ready || readyOnTake;
                    synchronized (queued) {
                        while (!queued.isEmpty()) {
                            taken.add(message(queued.poll()));
                        }
                    }
                    return taken;
                }

                @Override
                public boolean ready() {
                    return ready;
                }

                @Override
                public void close() {
                    log.add("close");
                }
            };
        }

        private BrokerMessage message(String text) {
            return new BrokerMessage(text.getBytes(StandardCharsets.UTF_8), () -> log.add("ack " + text),
                    () -> log.add("release " + text), () -> log.add("abandon " + text), () -> stale.contains(text));
        }
    }

    /** Answers each message's attempts from a script (then DELIVERED); {@code undelivered} answers {@link #forget}. */
    private final class ScriptedHandler implements DeliveryHandler {
        final Map<String, Deque<Object>> script = new HashMap<>();
        volatile boolean forget;

        ScriptedHandler answer(String message, Object... outcomes) {
            script.put(message, new ArrayDeque<>(List.of(outcomes)));
            return this;
        }

        @Override
        public Outcome attempt(byte[] message, int attempt) {
            String text = new String(message, StandardCharsets.UTF_8);
            log.add("attempt " + attempt + " " + text);
            Object next = script.getOrDefault(text, new ArrayDeque<>()).poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            if (next instanceof Runnable before) {
                before.run();
                next = null;
            }
            return next == null ? Outcome.DELIVERED : (Outcome) next;
        }

        @Override
        public boolean undelivered(byte[] message, Outcome last, int attempts) {
            log.add("undelivered " + new String(message, StandardCharsets.UTF_8) + " " + last + " after " + attempts);
            return forget;
        }
    }

    private SubscriptionTurns opened(DeliveryPolicy policy, DeliveryHandler handler) throws Exception {
        return opened(policy, handler, 1);
    }

    /** Turns whose attempts beyond the first of a window run on the turn's thread too, after the others: in a known order. */
    private SubscriptionTurns opened(DeliveryPolicy policy, DeliveryHandler handler, int window) throws Exception {
        SubscriptionTurns turns = new SubscriptionTurns(broker, "orders", "app", policy, handler, window, Runnable::run);
        turns.open();
        log.clear();
        return turns;
    }

    /** What settled the messages (acks, releases, hand-backs), in order: a window's attempts run in any order. */
    private List<String> settled() {
        return log.stream().filter(line -> !line.startsWith("attempt ")).toList();
    }

    private List<String> attempts() {
        return log.stream().filter(line -> line.startsWith("attempt ")).sorted().toList();
    }

    private void publish(String... messages) {
        for (String m : messages) {
            broker.publish("orders", m.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWindowOfThreeAttemptsItsMessagesSideBySideAndAcknowledgesThemInTheBrokersOrder() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            CountDownLatch cDone = new CountDownLatch(1);
            CyclicBarrier allThree = new CyclicBarrier(3);
            Runnable meetTheOthers = () -> {
                try {
                    allThree.await(10, TimeUnit.SECONDS); // times out unless the three attempts run at once
                } catch (Exception e) {
                    throw new IllegalStateException("the window's attempts did not run side by side", e);
                }
            };
            ScriptedHandler handler = new ScriptedHandler()
                    .answer("a", (Runnable) () -> {
                        meetTheOthers.run();
                        try {
                            assertTrue(cDone.await(10, TimeUnit.SECONDS)); // a ends last: its ack must still come first
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .answer("b", meetTheOthers)
                    .answer("c", (Runnable) () -> {
                        meetTheOthers.run();
                        cDone.countDown();
                    });
            SubscriptionTurns turns = new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS, handler, 3, threads);
            turns.open();
            log.clear();
            publish("a", "b", "c", "d");
            assertEquals(0, turns.turn(WAIT, () -> false));
            assertEquals(List.of("attempt 1 a", "attempt 1 b", "attempt 1 c", "attempt 1 d"), attempts());
            assertEquals(List.of("ack a", "ack b", "ack c", "ack d"), settled());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWindowOnAWorkManagerWithNoThreadToSpareIsDeliveredByTheTurnsOwnThread() throws Exception {
        try (ThreadPoolWorkManager oneThread = new ThreadPoolWorkManager(1)) {
            SubscriptionLoops loops = new SubscriptionLoops(oneThread.pacer());
            PubSubSubscription subscription = loops.start(new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS,
                    new ScriptedHandler(), 3, loops.attempts()), 5_000);
            publish("a", "b", "c");
            await(() -> log.contains("ack c"));
            subscription.close();
            assertEquals(List.of("attempt 1 a", "attempt 1 b", "attempt 1 c"), attempts());
            assertEquals(List.of("open", "ack a", "ack b", "ack c", "close"), settled());
        }
    }

    @Test
    void anErrorOfAnAttemptBesideOthersFailsTheTurnOnceEveryAttemptEnded() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            CountDownLatch bFailed = new CountDownLatch(1);
            ScriptedHandler handler = new ScriptedHandler()
                    .answer("a", (Runnable) () -> {
                        try {
                            assertTrue(bFailed.await(10, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .answer("b", (Runnable) () -> {
                        bFailed.countDown();
                        throw new AssertionError("a bug in the handler");
                    });
            SubscriptionTurns turns = new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS, handler, 3, threads);
            turns.open();
            log.clear();
            publish("a", "b", "c");
            AssertionError thrown = assertThrows(AssertionError.class, () -> turns.turn(WAIT, () -> false),
                    "thrown on the turn's thread, not lost on the work manager's");
            assertEquals("a bug in the handler", thrown.getMessage());
            assertEquals(List.of("attempt 1 a", "attempt 1 b", "attempt 1 c"), attempts(), "every attempt ended first");
            assertEquals(List.of(), settled());
            turns.close();
            assertEquals(List.of("abandon a", "abandon b", "abandon c", "close"), settled());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void attemptsTheExecutorRefusesAreMadeOnTheTurnsThread() throws Exception {
        SubscriptionTurns turns = new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS, new ScriptedHandler(), 3,
                task -> {
                    throw new IllegalStateException("the work manager is stopping");
                });
        turns.open();
        log.clear();
        publish("a", "b", "c");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 1 b", "attempt 1 c"), attempts());
        assertEquals(List.of("ack a", "ack b", "ack c"), settled());
    }

    @Test
    void aRetryInTheWindowHoldsBackTheAcknowledgementsOfTheMessagesAfterIt() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY), 2);
        publish("a", "b", "c");
        assertEquals(100, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 1 b"), attempts(), "c waits outside the window");
        assertEquals(List.of(), settled(), "b is delivered, and waits for a");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 1 b", "attempt 1 c", "attempt 2 a"), attempts(), "b is not tried again");
        assertEquals(List.of("ack a", "ack b", "ack c"), settled());
    }

    @Test
    void theRetriesOfAWindowWaitForTheLongestBackoffAmongThem() throws Exception {
        SubscriptionTurns turns = opened(new DeliveryPolicy(4, 100, 1000), new ScriptedHandler()
                .answer("a", DeliveryHandler.Outcome.RETRY)
                .answer("b", DeliveryHandler.Outcome.RETRY, DeliveryHandler.Outcome.RETRY), 2);
        publish("a", "b");
        assertEquals(100, turns.turn(WAIT, () -> false), "both before their second attempt");
        assertEquals(200, turns.turn(WAIT, () -> false), "b before its third: none is tried sooner than the policy says");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 1 b", "attempt 2 a", "attempt 2 b", "attempt 3 b"), attempts());
        assertEquals(List.of("ack a", "ack b"), settled());
    }

    @Test
    void aMessageDeliveredInTheWindowIsNotSettledOnceAReleaseBeforeItMadeItStale() throws Exception {
        // Kafka: releasing a rewinds its partition, so the source hands b over again
        ScriptedHandler handler = new ScriptedHandler().answer("a", DeliveryHandler.Outcome.DROP);
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new DeliveryHandler() {
            @Override
            public Outcome attempt(byte[] message, int attempt) {
                return handler.attempt(message, attempt);
            }

            @Override
            public boolean undelivered(byte[] message, Outcome last, int attempts) {
                broker.stale.add("b");
                return handler.undelivered(message, last, attempts);
            }
        }, 2);
        publish("a", "b");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 1 b"), attempts());
        assertEquals(List.of("undelivered a DROP after 1", "release a"), settled());
    }

    @Test
    void closingHandsBackTheMessagesDeliveredButNotYetAcknowledged() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY), 2);
        publish("a", "b");
        turns.turn(WAIT, () -> false);
        turns.close();
        assertEquals(List.of("abandon a", "abandon b", "close"), settled(), "b is delivered again: at least once");
    }

    @Test
    void aSubscriptionAllowingNoAttemptIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS, new ScriptedHandler(), 0, Runnable::run));
        assertTrue(e.getMessage().contains("maxConcurrentAttempts"), e.getMessage());
    }

    @Test
    void anEmptySourceMakesAnIdleTurn() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler());
        assertEquals(SubscriptionTurns.IDLE, turns.turn(WAIT, () -> false));
        assertEquals(List.of(), log);
    }

    @Test
    void deliveredMessagesAreAcknowledgedInOrderAndTheNextTurnFollowsAtOnce() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler());
        publish("a", "b");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "ack a", "attempt 1 b", "ack b"), log);
    }

    @Test
    void aRetryWaitsForTheNextTurnAfterTheBackoffAndNothingOvertakesIt() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS,
                new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY, DeliveryHandler.Outcome.RETRY));
        publish("a", "b");
        assertEquals(100, turns.turn(WAIT, () -> false), "the pause before the second attempt");
        assertEquals(List.of("attempt 1 a"), log, "b waits behind a");
        publish("c"); // taken only once the batch is done
        assertEquals(150, turns.turn(WAIT, () -> false), "doubled, and capped");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 2 a", "attempt 3 a", "ack a", "attempt 1 b", "ack b"), log);
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals("ack c", log.get(log.size() - 1));
    }

    @Test
    void aMessageOutOfAttemptsIsReleasedWhenTheHandlerKeepsItForLater() throws Exception {
        SubscriptionTurns turns = opened(new DeliveryPolicy(2, 0, 0),
                new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY, DeliveryHandler.Outcome.RETRY));
        publish("a", "b");
        assertEquals(0, turns.turn(WAIT, () -> false), "a zero back-off retries in the next turn at once");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 2 a", "undelivered a RETRY after 2", "release a", "attempt 1 b", "ack b"), log);
    }

    @Test
    void aMessageOutOfAttemptsIsAcknowledgedOnceTheHandlerDealtWithIt() throws Exception {
        ScriptedHandler handler = new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY);
        handler.forget = true; // e.g. published to a dead-letter topic
        SubscriptionTurns turns = opened(new DeliveryPolicy(1, 0, 0), handler);
        publish("a");
        turns.turn(WAIT, () -> false);
        assertEquals(List.of("attempt 1 a", "undelivered a RETRY after 1", "ack a"), log);
    }

    @Test
    void aDroppedMessageIsNotTriedAgain() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler().answer("a", DeliveryHandler.Outcome.DROP));
        publish("a");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "undelivered a DROP after 1", "release a"), log);
    }

    @Test
    void aHandlerThatThrowsIsRetriedAsForARetry() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler().answer("a", new IllegalStateException("bug")));
        publish("a");
        assertEquals(100, turns.turn(WAIT, () -> false));
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("attempt 1 a", "attempt 2 a", "ack a"), log);
    }

    @Test
    void aStaleMessageIsNeitherDeliveredNorSettled() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler());
        broker.stale.add("b");
        publish("a", "b", "c");
        turns.turn(WAIT, () -> false);
        assertEquals(List.of("attempt 1 a", "ack a", "attempt 1 c", "ack c"), log);
    }

    @Test
    void aStoppingSubscriptionDeliversNothingMoreAndClosingHandsBackWhatItHeld() throws Exception {
        SubscriptionTurns turns = opened(THREE_ATTEMPTS, new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY));
        publish("a", "b");
        turns.turn(WAIT, () -> false);
        assertEquals(0, turns.turn(WAIT, () -> true), "stopping: the retry does not happen");
        turns.close();
        assertEquals(List.of("attempt 1 a", "abandon a", "abandon b", "close"), log);
        turns.close(); // twice is once
        assertEquals(4, log.size());
    }

    @Test
    void openingTakesUntilTheSourceIsReadyAndTheFirstTurnDeliversWhatItTook() throws Exception {
        broker.ready = false;
        broker.readyOnTake = true; // a Kafka group assigns the partitions during a poll
        publish("early");
        SubscriptionTurns turns = new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS, new ScriptedHandler());
        assertTrue(turns.openReady(WAIT, 60_000));
        assertEquals(List.of("open"), log, "taken, not delivered: the turns deliver");
        assertEquals(0, turns.turn(WAIT, () -> false));
        assertEquals(List.of("open", "attempt 1 early", "ack early"), log);
    }

    @Test
    void aSourceThatIsNeverReadyIsGivenUpOnAfterTheWait() throws Exception {
        broker.ready = false;
        SubscriptionTurns turns = new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS, new ScriptedHandler());
        assertFalse(turns.openReady(WAIT, 0));
    }

    @Test
    void aSubscriptionWaitingToRetryHoldsNoThreadOfTheWorkManager() throws Exception {
        try (ThreadPoolWorkManager oneThread = new ThreadPoolWorkManager(1)) {
            SubscriptionLoops loops = new SubscriptionLoops(oneThread.pacer());
            ScriptedHandler handler = new ScriptedHandler().answer("a", DeliveryHandler.Outcome.RETRY);
            PubSubSubscription subscription = loops.start(new SubscriptionTurns(broker, "orders", "app",
                    new DeliveryPolicy(2, 60_000, 60_000), handler), 5_000);
            publish("a");
            await(() -> log.contains("attempt 1 a"));
            assertTrue(oneThread.runsAnotherWork(5_000), "the subscription held the only thread while it waited to retry");
            subscription.close();
            assertEquals(0, loops.size());
            assertEquals(List.of("open", "attempt 1 a", "abandon a", "close"), log, "closed without waiting out the back-off");
        }
    }

    @Test
    void aSubscriptionClosedBeforeItsFirstTurnStillLetsGoOfItsSource() throws Exception {
        try (ThreadPoolWorkManager oneThread = new ThreadPoolWorkManager(1)) {
            java.util.concurrent.CountDownLatch starting = oneThread.occupyOneThread(); // an application that is starting: no turn runs yet
            SubscriptionLoops loops = new SubscriptionLoops(oneThread.pacer());
            PubSubSubscription subscription = loops.start(new SubscriptionTurns(broker, "orders", "app", THREE_ATTEMPTS,
                    new ScriptedHandler()), 5_000);
            subscription.close();
            assertEquals(List.of("open", "close"), log, "opened and closed on the caller's thread");
            starting.countDown();
            assertTrue(oneThread.runsAnotherWork(5_000)); // after the first turn, which finds the subscription stopped
            assertEquals(List.of("open", "close"), log);
        }
    }
}
