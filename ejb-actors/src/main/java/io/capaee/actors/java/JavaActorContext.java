// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import io.capaee.actors.runtime.ActorSite;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorState;
import io.capaee.api.actors.TimerHandler;
import java.time.Duration;

/** What one Java actor instance is given: its id, its turn state, its timers and reminders. */
final class JavaActorContext implements ActorContext {
    private final ActorSite site;
    private final TurnState state;

    JavaActorContext(ActorSite site, TurnState state) {
        this.site = site;
        this.state = state;
    }

    @Override
    public ActorId id() {
        return site.id();
    }

    @Override
    public ActorState state() {
        return state;
    }

    @Override
    public void registerTimer(String name, Duration dueTime, Duration period, TimerHandler handler) {
        site.registerTimer(name, dueTime, period, handler);
    }

    @Override
    public boolean unregisterTimer(String name) {
        return site.unregisterTimer(name);
    }

    @Override
    public void registerReminder(String name, Duration dueTime, Duration period, String data) {
        site.registerReminder(name, dueTime, period, data);
    }

    @Override
    public boolean unregisterReminder(String name) {
        return site.unregisterReminder(name);
    }
}
