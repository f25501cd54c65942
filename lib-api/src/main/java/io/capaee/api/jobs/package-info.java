// SPDX-License-Identifier: Apache-2.0
/**
 * The schedule API (cloud-runtimes' {@code ScheduleService}, Dapr's Jobs API): named, durable jobs
 * ({@link JobSpec}) that fire on a cron schedule, an interval or a due time and are delivered to an
 * {@link io.capaee.api.actors.EventTarget}; {@link JobScheduler} is the service, bound by the EJB module
 * {@code ejb-actors}, whose timers and key/value store also run the actors' reminders.
 */
package io.capaee.api.jobs;
