// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * One firing of a reminder or timer, as delivered to an actor.
 *
 * @param name the reminder's or timer's name
 * @param data the JSON payload given at registration ({@code null} when none)
 * @param dueTime the due time as registered
 * @param period the period as registered (empty when it fires once)
 */
public record ReminderFire(String name, String data, String dueTime, String period) {}
