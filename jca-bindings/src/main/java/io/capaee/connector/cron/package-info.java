// SPDX-License-Identifier: Apache-2.0
/**
 * The clock as a source: {@link io.capaee.connector.cron.CronSchedule} (Dapr's cron binding
 * grammar) and the validated {@link io.capaee.connector.cron.CronSettings}. It has nothing to
 * connect to; the cron activation spec waits for its ticks on the adapter's timer.
 */
package io.capaee.connector.cron;
