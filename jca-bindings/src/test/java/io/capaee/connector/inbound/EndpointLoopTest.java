// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import static io.capaee.connector.inbound.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The turns of an endpoint: never overlapping, no thread held while idle, reopened after a failure, closed once. */
class EndpointLoopTest {
    private final ThreadPoolWorkManager oneThread = new ThreadPoolWorkManager(1);

    @AfterEach
    void close() throws InterruptedException {
        oneThread.close();
    }

    /** Counts what the loop calls; each turn returns {@link #answer}. */
    static class CountingEndpoint extends EndpointLoop {
        final long answer;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger turned = new AtomicInteger();
        final AtomicInteger inTurn = new AtomicInteger();
        volatile boolean overlapped;
        volatile Exception failNextTurn;
        volatile CountDownLatch blockTurn; // a turn waits on it when set
        volatile Thread closedOn;
        volatile Optional<String> problemAtClose;

        /** An idle source. */
        CountingEndpoint() {
            this(IDLE);
        }

        CountingEndpoint(long answer) {
            this.answer = answer;
        }

        @Override
        protected void open() {
            opened.incrementAndGet();
            up();
        }

        @Override
        protected long turn() throws Exception {
            if (inTurn.incrementAndGet() > 1) {
                overlapped = true;
            }
            try {
                turned.incrementAndGet();
                Exception failure = failNextTurn;
                if (failure != null) {
                    failNextTurn = null;
                    throw failure;
                }
                CountDownLatch block = blockTurn;
                if (block != null) {
                    block.await(10, TimeUnit.SECONDS);
                }
                return answer;
            } finally {
                inTurn.decrementAndGet();
            }
        }

        @Override
        protected void close() {
            closedOn = Thread.currentThread();
            problemAtClose = problem();
            closed.incrementAndGet();
        }

        @Override
        public String describe() {
            return "counting endpoint";
        }
    }

    @Test
    void idleEndpointsHoldNoThreadOfTheWorkManager() throws Exception {
        List<CountingEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CountingEndpoint endpoint = new CountingEndpoint();
            endpoint.start(oneThread.pacer());
            endpoints.add(endpoint);
        }
        await(() -> endpoints.stream().allMatch(e -> e.turned.get() >= 3));
        // the one thread is shared: a request (any other work) still runs, while all three keep turning
        assertTrue(oneThread.runsAnotherWork(2000), "an idle endpoint held the only thread");
        int before = endpoints.get(0).turned.get();
        await(() -> endpoints.get(0).turned.get() > before + 2);
        for (CountingEndpoint endpoint : endpoints) {
            endpoint.release();
            assertTrue(endpoint.awaitStopped(2000));
            assertEquals(1, endpoint.opened.get());
            assertEquals(1, endpoint.closed.get(), "closed once");
            assertFalse(endpoint.overlapped);
            assertEquals(Optional.of("stopped"), endpoint.problem());
        }
    }

    @Test
    void aFailedTurnClosesTheSourceReportsWhyAndReopensIt() throws Exception {
        CountingEndpoint endpoint = new CountingEndpoint();
        endpoint.failNextTurn = new IOException("cannot reach nats://user:pw@host:4222");
        endpoint.start(oneThread.pacer());
        await(() -> endpoint.closed.get() == 1);
        assertEquals(Optional.of("IOException: cannot reach nats://***@host:4222"), endpoint.problemAtClose,
                "reported (credentials masked) before the source is closed");
        await(() -> endpoint.opened.get() == 2);
        await(() -> endpoint.problem().isEmpty());
        endpoint.release();
        assertTrue(endpoint.awaitStopped(2000));
        assertEquals(2, endpoint.closed.get());
    }

    @Test
    void aStopDuringATurnClosesTheSourceAfterThatTurnAndNoTurnFollows() throws Exception {
        CountingEndpoint endpoint = new CountingEndpoint();
        CountDownLatch block = new CountDownLatch(1);
        endpoint.blockTurn = block;
        endpoint.start(oneThread.pacer());
        await(() -> endpoint.inTurn.get() == 1);
        endpoint.release();
        assertFalse(endpoint.awaitStopped(100), "the source stays open while its turn delivers");
        assertEquals(0, endpoint.closed.get());
        block.countDown();
        assertTrue(endpoint.awaitStopped(2000));
        int turns = endpoint.turned.get();
        Thread.sleep(200);
        assertEquals(turns, endpoint.turned.get(), "no turn after the stop");
        assertEquals(1, endpoint.closed.get());
    }

    @Test
    void aPausedTurnIsCancelledByAStop() throws Exception {
        CountingEndpoint endpoint = new CountingEndpoint(60_000); // a clock whose next tick is a minute away
        endpoint.start(oneThread.pacer());
        await(() -> endpoint.turned.get() == 1);
        Thread.sleep(50); // the turn has scheduled the next one on the timer
        endpoint.release();
        assertTrue(endpoint.awaitStopped(500), "a stop does not wait for the next tick");
        assertEquals(1, endpoint.closed.get());
        assertEquals(1, endpoint.turned.get());
        assertTrue(endpoint.closedOn != Thread.currentThread(),
                "closed on a work thread: a caller stopping many endpoints does not close them one by one");
    }

    @Test
    void aStopWhileTheSourceOpensClosesItAndDeliversNothing() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CountingEndpoint endpoint = new CountingEndpoint() {
            @Override
            protected void open() {
                opening.countDown();
                try {
                    proceed.await(10, TimeUnit.SECONDS); // a broker that is slow to answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.open();
            }
        };
        endpoint.start(oneThread.pacer());
        assertTrue(opening.await(2, TimeUnit.SECONDS));
        endpoint.release();
        proceed.countDown();
        assertTrue(endpoint.awaitStopped(2000));
        assertEquals(0, endpoint.turned.get(), "no turn, so no delivery, after the stop");
        assertEquals(1, endpoint.closed.get());
    }

    @Test
    void aTurnTheWorkManagerRefusesIsTriedAgainLater() throws Exception {
        CountingEndpoint endpoint = new CountingEndpoint(EndpointLoop.AGAIN); // busy: each next turn is scheduled at once
        endpoint.start(oneThread.pacer());
        await(() -> endpoint.turned.get() >= 3);
        oneThread.refuseNext.set(1);
        await(() -> oneThread.refuseNext.get() == 0);
        int turns = endpoint.turned.get();
        await(() -> endpoint.turned.get() > turns + 2); // a second later it turns again, not stopped for good
        assertFalse(endpoint.awaitStopped(0));
        endpoint.release();
        assertTrue(endpoint.awaitStopped(2000));
        assertEquals(1, endpoint.closed.get());
    }

    @Test
    void theHealthReasonMasksCredentialsOfUrls() {
        assertEquals("IOException: cannot reach redis://***@10.0.0.5:6379/0 and nats://***@nats:4222",
                EndpointLoop.publicReason(new IOException("cannot reach redis://app:s3cret@10.0.0.5:6379/0 and nats://tok@nats:4222")));
        assertEquals("IllegalStateException", EndpointLoop.publicReason(new IllegalStateException()));
        assertEquals("IOException: http://host:80/x", EndpointLoop.publicReason(new IOException("http://host:80/x")));
    }

    @Test
    void stoppingHereClosesOnTheCallersThreadWhenTheWorkManagerRunsNoMoreTurns() throws Exception {
        CountingEndpoint endpoint = new CountingEndpoint();
        endpoint.start(oneThread.pacer());
        await(() -> endpoint.turned.get() >= 1);
        CountDownLatch blocker = oneThread.occupyOneThread(); // turns queue behind it
        endpoint.stopHere();
        assertTrue(endpoint.awaitStopped(0), "closed without a turn");
        assertEquals(Thread.currentThread(), endpoint.closedOn);
        blocker.countDown();
        assertTrue(oneThread.runsAnotherWork(5000)); // after the turn queued meanwhile, which finds the endpoint stopped
        assertEquals(1, endpoint.closed.get(), "closed once");
    }
}
