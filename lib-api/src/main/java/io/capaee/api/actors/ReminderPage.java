// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.List;

/**
 * One page of a type's reminders armed on this server, sorted by actor id, then name.
 *
 * @param total how many are armed, all pages together
 * @param offset the position of the page's first reminder in the sorted list
 */
public record ReminderPage(String type, int total, int offset, List<ActorReminder> reminders) {
    public ReminderPage {
        reminders = List.copyOf(reminders);
    }
}
