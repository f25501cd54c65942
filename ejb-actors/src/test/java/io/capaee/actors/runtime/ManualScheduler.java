// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A fixed clock that moves only when told, and a scheduler that runs what is due when it moves. */
public final class ManualScheduler extends Clock implements Scheduler {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Task> tasks = new ArrayList<>();
    private long seq;

    private final class Task implements Scheduled {
        final Instant at;
        final long order = seq++;
        final Runnable run;
        boolean cancelled;

        Task(Instant at, Runnable run) {
            this.at = at;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Scheduled schedule(Instant at, Runnable task) {
        Task t = new Task(at, task);
        tasks.add(t);
        return t;
    }

    /** Moves the clock, running every task due on the way in time order (tasks may schedule more). */
    public void advance(Duration d) {
        Instant end = now.plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream().filter(t -> !t.at.isAfter(end)).min(Comparator.<Task, Instant>comparing(t -> t.at).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                tasks.remove(next);
                if (next.at.isAfter(now)) {
                    now = next.at;
                }
            }
            next.run.run();
        }
    }

    public synchronized int pending() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.size();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
