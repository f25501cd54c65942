// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.api.jobs.JobSpec;

/** Hands a job's firing to its target: {@link JobTargets} on the server, a recording one in tests. */
public interface JobDelivery {
    /**
     * Delivers one firing; returns when the target took it.
     *
     * @throws io.capaee.api.jobs.JobException {@code DELIVERY} when it did not (it is tried again)
     */
    void deliver(JobSpec job);

    /**
     * Refuses, when it is scheduled, a job whose target cannot be reached whatever happens later
     * (the application's callback when no application is configured).
     *
     * @throws io.capaee.api.InvalidValueException naming {@code target}
     */
    default void check(JobSpec job) {}
}
