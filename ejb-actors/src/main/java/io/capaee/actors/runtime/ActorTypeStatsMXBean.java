// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

/** JMX view of one actor type: {@code io.capaee:type=Actors,name=<actor type>}. */
public interface ActorTypeStatsMXBean {
    String getType();

    int getActive();

    long getActivations();

    long getDeactivations();

    long getCalls();

    long getErrors();

    long getCallMillisTotal();

    double getCallMillisMean();

    long getRemindersFired();
}
