// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.store.ActorStore;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.TimerHandler;
import jakarta.json.bind.Jsonb;
import java.time.Duration;

/** The runtime's {@link ActorSite}: one actor's slice of the store, the timers and the reminders. */
record Site(ActorId id, ActorStore store, Timers timers, Reminders reminders) implements ActorSite {
    @Override
    public TurnState state(Jsonb jsonb) {
        return new TurnState(id, store, jsonb);
    }

    @Override
    public void registerTimer(String name, Duration dueTime, Duration period, TimerHandler handler) {
        timers.register(id, name, dueTime, period, handler);
    }

    @Override
    public boolean unregisterTimer(String name) {
        return timers.delete(id, name);
    }

    @Override
    public void registerReminder(String name, Duration dueTime, Duration period, String data) {
        reminders.register(id, name, dueTime, period, data);
    }

    @Override
    public boolean unregisterReminder(String name) {
        return reminders.delete(id, name);
    }
}
