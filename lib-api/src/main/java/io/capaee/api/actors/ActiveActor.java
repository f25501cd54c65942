// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * One actor active on this server, as an operator sees it.
 *
 * @param queued calls waiting for their turn (the running one not counted)
 * @param busy whether a turn is running
 * @param reminders its reminders armed on this server
 */
public record ActiveActor(String id, int queued, boolean busy, int reminders) {}
