// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

/** JMX view of one actor type: {@code io.capaee:type=Actors,name=<actor type>}. */
public interface ActorTypeStatsMXBean {
    String getType();

    int getActive();

    /** Calls waiting for their turn, over the type's active actors. */
    int getQueued();

    /** The type's reminders armed on this server. */
    int getReminders();

    long getActivations();

    long getDeactivations();

    long getCalls();

    long getErrors();

    long getCallMillisTotal();

    double getCallMillisMean();

    long getRemindersFired();
}
