// SPDX-License-Identifier: Apache-2.0
/**
 * The clock as a source: the validated {@link io.capaee.connector.cron.CronSettings} (a
 * {@link io.capaee.api.config.CronSchedule}, Dapr's cron grammar, which lib-api holds because the jobs
 * API reads it too, and a time zone). It has nothing to connect to; the cron activation spec waits
 * for its ticks on the adapter's timer.
 */
package io.capaee.connector.cron;
