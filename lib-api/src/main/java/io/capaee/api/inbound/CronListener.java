// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the cron activation spec: one empty message per tick of the schedule. */
public interface CronListener extends InboundListener {}
