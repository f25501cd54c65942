// SPDX-License-Identifier: Apache-2.0
/**
 * The jobs of the schedule API ({@link io.capaee.api.jobs.JobScheduler}), run on the same machinery as the
 * actors' durable reminders: the runtime's {@link io.capaee.actors.runtime.Scheduler} (the EJB
 * {@code TimerService} on the server), Dapr's time grammar ({@link io.capaee.actors.schedule.DaprTimes})
 * and a document of the key/value store, re-armed at start.
 */
package io.capaee.actors.jobs;
