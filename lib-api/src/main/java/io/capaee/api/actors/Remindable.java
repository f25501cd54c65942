// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * Implemented by Java actors that register reminders; registering a reminder on an actor type
 * that does not implement it is refused at registration, not when it fires.
 */
public interface Remindable {
    /** One firing, in its own turn. */
    void receiveReminder(ReminderFire reminder);
}
