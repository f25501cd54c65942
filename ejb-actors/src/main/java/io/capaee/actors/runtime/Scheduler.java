// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.time.Instant;

/** Runs a task once at a time; the EJB {@code TimerService} on the server, a manual clock in tests. */
public interface Scheduler {
    Scheduled schedule(Instant at, Runnable task);

    /** A scheduled task; cancelling one that already ran does nothing. */
    interface Scheduled {
        void cancel();
    }
}
