// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/** The naming rule shared by actor types, ids, reminders and timers (Dapr's, plus no {@code ||}). */
public final class ActorNames {
    private ActorNames() {}

    /** Returns {@code name} if it is a valid actor type, id, reminder or timer name; else throws BAD_REQUEST. */
    public static String check(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, what + " is empty");
        }
        if (name.equals(".") || name.equals("..") || name.contains("||")) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, what + " '" + name + "' is not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '#' || c == '?' || c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new ActorException(ActorException.Reason.BAD_REQUEST,
                        what + " '" + name + "' contains a forbidden character (# ? / \\ or a control character)");
            }
        }
        return name;
    }
}
