// SPDX-License-Identifier: Apache-2.0
/**
 * Cron inbound: ticks of a schedule ({@code @every 30s}, {@code @hourly}, {@code @daily}, or a
 * 5- or 6-field cron expression) delivered to a bean, with retries; a tick that still fails is
 * logged, as there is nothing to dead-letter.
 */
package io.capaee.connector.inbound.cron;
