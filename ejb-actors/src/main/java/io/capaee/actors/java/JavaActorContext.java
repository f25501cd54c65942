// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorState;
import io.capaee.api.actors.TimerHandler;
import java.time.Duration;

/** What one Java actor instance is given: its id, its turn state, its timers and reminders. */
final class JavaActorContext implements ActorContext {
    private final ActorId id;
    private final TurnState state;
    private final ActorRuntimeCore runtime;

    JavaActorContext(ActorId id, TurnState state, ActorRuntimeCore runtime) {
        this.id = id;
        this.state = state;
        this.runtime = runtime;
    }

    @Override
    public ActorId id() {
        return id;
    }

    @Override
    public ActorState state() {
        return state;
    }

    @Override
    public void registerTimer(String name, Duration dueTime, Duration period, TimerHandler handler) {
        runtime.registerTimer(id, name, dueTime, period, handler);
    }

    @Override
    public boolean unregisterTimer(String name) {
        return runtime.deleteTimer(id, name);
    }

    @Override
    public void registerReminder(String name, Duration dueTime, Duration period, String data) {
        runtime.registerReminder(id, name, dueTime, period, data);
    }

    @Override
    public boolean unregisterReminder(String name) {
        return runtime.deleteReminder(id, name);
    }
}
