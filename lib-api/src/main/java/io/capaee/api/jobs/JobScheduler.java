// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.jobs;

import java.util.List;
import java.util.Optional;

/**
 * Named, durable jobs. A job is stored before {@link #schedule} returns and survives a restart; one
 * due while the server was down fires once when it starts (missed ticks are not made up for). A
 * firing is delivered at least once: a delivery that fails is tried again, a few times, and a
 * server that stops between a delivery and recording it delivers it again when it starts. The EJB
 * module binds it as {@code java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.jobs.JobScheduler}.
 */
public interface JobScheduler {
    /**
     * Stores and arms a job.
     *
     * @param overwrite whether a job of the same name is replaced (Dapr's default) or refused
     * @throws io.capaee.api.InvalidValueException naming the field that cannot work ({@code dueTime}, {@code ttl})
     * @throws JobException {@code EXISTS} or {@code UNAVAILABLE}
     */
    void schedule(JobSpec job, boolean overwrite);

    Optional<JobView> get(String name);

    /** Every stored job, by name. */
    List<JobView> list();

    /** Removes a job; it does not fire after this returns. Returns whether it existed. */
    boolean delete(String name);
}
