// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs short works on the container's {@link WorkManager}, at once or after a pause. The pause is
 * kept by one container {@link Timer} of the adapter ({@code BootstrapContext.createTimer()}),
 * whose thread only hands the work over: nothing waits on a work-manager thread, which is shared
 * with the server's HTTP requests.
 */
public final class WorkPacer {
    private final WorkManager workManager;
    private final Timer timer;

    public WorkPacer(WorkManager workManager, Timer timer) {
        this.workManager = workManager;
        this.timer = timer;
    }

    /** Schedules {@code work} at once. */
    public void now(Work work) throws WorkException {
        workManager.scheduleWork(work);
    }

    /**
     * Schedules {@code work} after {@code millis}; {@code rejected} learns (on the timer's thread)
     * when the work manager refused it then.
     *
     * @return the pending task, which may be cancelled before it fires
     * @throws IllegalStateException when the pacer was closed
     */
    public TimerTask later(long millis, Work work, Consumer<WorkException> rejected) {
        TimerTask task = new TimerTask() {
            @Override
            public void run() {
                try {
                    workManager.scheduleWork(work);
                } catch (WorkException e) {
                    rejected.accept(e);
                } catch (RuntimeException e) {
                    // must not escape: it would cancel the timer, and every endpoint's next turn with it
                    rejected.accept(new WorkException(e));
                }
            }
        };
        timer.schedule(task, Math.max(0, millis));
        return task;
    }

    /**
     * The work manager as an {@link Executor}, for short tasks that must run side by side; a task the
     * work manager refuses is a {@link RejectedExecutionException}.
     */
    public Executor executor() {
        return task -> {
            try {
                workManager.scheduleWork(new Task(task));
            } catch (WorkException | RuntimeException e) {
                throw new RejectedExecutionException(e);
            }
        };
    }

    private record Task(Runnable task) implements Work {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public void release() {
            // short: it ends by itself
        }
    }

    /** Cancels the pending tasks and the timer (after the endpoints and connectors stopped). */
    public void close() {
        timer.cancel();
    }
}
