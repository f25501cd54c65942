// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces call time limits by interrupting the calling thread; Chicory checks the interrupt
 * flag while it runs guest code and throws. The guest runs on the caller's own thread (no
 * hand-off), and a call only adds itself to a set: one sweep every {@value #SWEEP_MILLIS} ms
 * interrupts the calls past their deadline. Scheduling a task per call on a container's managed
 * executor would cost more than a small guest call itself.
 */
public final class CallWatchdog implements AutoCloseable {
    static final long SWEEP_MILLIS = 20;

    private final Set<Watch> active = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    public CallWatchdog(ScheduledExecutorService scheduler) {
        this.sweeper = scheduler.scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts watching the current thread; close the returned watch when the call ends. */
    Watch watch(Duration limit) {
        return watch(limit, null);
    }

    /**
     * Starts watching a call that, past its limit, is stopped by {@code stop} (run on the sweeper's
     * thread, after the calling thread is interrupted): for engines that do not check the interrupt
     * flag while guest code runs.
     */
    public Watch watch(Duration limit, Runnable stop) {
        Watch watch = new Watch(Thread.currentThread(), stop, System.nanoTime() + limit.toNanos());
        active.add(watch);
        return watch;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watch watch : active) {
            if (now - watch.deadline >= 0) {
                watch.fire();
            }
        }
    }

    /** Stops the sweeps; calls still running are no longer limited. */
    @Override
    public void close() {
        sweeper.cancel(false);
    }

    /** One watched call. Both methods lock the watch so an interrupt never escapes a closed one. */
    public final class Watch implements AutoCloseable {
        private final Thread thread;
        private final Runnable stop;
        private final long deadline;
        private boolean closed;
        private boolean fired;

        private Watch(Thread thread, Runnable stop, long deadline) {
            this.thread = thread;
            this.stop = stop;
            this.deadline = deadline;
        }

        private synchronized void fire() {
            if (!closed && !fired) {
                fired = true;
                thread.interrupt(); // also ends a host function's blocking wait (HTTP)
                if (stop != null) {
                    stop.run();
                }
            }
        }

        public synchronized boolean fired() {
            return fired;
        }

        @Override
        public synchronized void close() {
            closed = true;
            active.remove(this);
            if (fired) {
                Thread.interrupted(); // clear our own interrupt before the thread goes back to its pool
            }
        }
    }
}
