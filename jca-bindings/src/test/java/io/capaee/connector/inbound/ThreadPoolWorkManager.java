// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** The container's work manager in unit tests: a small thread pool, closed after the test. */
public final class ThreadPoolWorkManager implements WorkManager, AutoCloseable {
    private final ExecutorService threads;
    private final Timer timer = new Timer("test-pacer", true);
    /** How many of the next scheduled works to refuse, as a stopping container does. */
    public final java.util.concurrent.atomic.AtomicInteger refuseNext = new java.util.concurrent.atomic.AtomicInteger();

    public ThreadPoolWorkManager() {
        this(2);
    }

    public ThreadPoolWorkManager(int threads) {
        this.threads = Executors.newFixedThreadPool(threads);
    }

    /** A pacer on this work manager and its own timer. */
    public WorkPacer pacer() {
        return new WorkPacer(this, timer);
    }

    @Override
    public void doWork(Work work) {
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        work.run();
    }

    @Override
    public long startWork(Work work) throws WorkRejectedException {
        scheduleWork(work);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkRejectedException {
        scheduleWork(work);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) throws WorkRejectedException {
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WorkRejectedException("refused by the test");
        }
        try {
            threads.execute(work);
        } catch (RejectedExecutionException e) {
            throw new WorkRejectedException(e);
        }
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkRejectedException {
        scheduleWork(work);
    }

    /** Whether one more work (a request, say) gets a thread within {@code millis}: nothing holds them all. */
    public boolean runsAnotherWork(long millis) throws WorkRejectedException, InterruptedException {
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        scheduleWork(new Work() {
            @Override
            public void run() {
                ran.countDown();
            }

            @Override
            public void release() {
            }
        });
        return ran.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a thread with a work that waits (at most 10 s) until the returned latch is counted down:
     * with one thread, the works scheduled meanwhile wait, as in a container that runs none yet.
     */
    public java.util.concurrent.CountDownLatch occupyOneThread() throws WorkRejectedException, InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
        scheduleWork(new Work() {
            @Override
            public void run() {
                taken.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void release() {
            }
        });
        taken.await(5, TimeUnit.SECONDS);
        return release;
    }

    @Override
    public void close() throws InterruptedException {
        timer.cancel();
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
