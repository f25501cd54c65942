// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces a call's time limit by interrupting the calling thread; Chicory checks the interrupt
 * flag while it runs guest code and throws. The guest runs on the caller's own thread, so a call
 * costs no thread hand-off; the flag is always cleared before the thread is given back.
 */
public final class CallWatchdog {
    private final ScheduledExecutorService scheduler;

    public CallWatchdog(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts watching the current thread; close the returned watch when the call ends. */
    Watch watch(Duration limit) {
        Watch watch = new Watch(Thread.currentThread());
        watch.future = scheduler.schedule(watch::fire, limit.toNanos(), TimeUnit.NANOSECONDS);
        return watch;
    }

    /** One watched call. Both methods lock the watch so an interrupt never escapes a closed one. */
    static final class Watch implements AutoCloseable {
        private final Thread thread;
        private ScheduledFuture<?> future;
        private boolean closed;
        private boolean fired;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        private synchronized void fire() {
            if (!closed) {
                fired = true;
                thread.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (future != null) {
                future.cancel(false);
            }
            if (fired) {
                Thread.interrupted(); // clear our own interrupt before the thread goes back to its pool
            }
        }
    }
}
