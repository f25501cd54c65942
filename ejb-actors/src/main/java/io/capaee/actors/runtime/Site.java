// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.store.ActorStore;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.TimerHandler;
import jakarta.json.bind.Jsonb;
import java.time.Duration;
import java.util.Optional;

/**
 * The runtime's {@link ActorSite}: one actor's slice of the store, the timers and the reminders. It
 * keeps the state view it gave the instance, so that a reminder's firing can be saved with the
 * state its callback changed, in the same write.
 */
final class Site implements ActorSite {
    private final ActorId id;
    private final ActorStore store;
    private final Timers timers;
    private final Reminders reminders;
    private volatile TurnState state;

    Site(ActorId id, ActorStore store, Timers timers, Reminders reminders) {
        this.id = id;
        this.store = store;
        this.timers = timers;
        this.reminders = reminders;
    }

    @Override
    public ActorId id() {
        return id;
    }

    @Override
    public TurnState state(Jsonb jsonb) {
        TurnState view = new TurnState(id, store, jsonb);
        state = view;
        return view;
    }

    /** The state view the instance took, if its kind keeps the actor's state here (remote kinds do not). */
    Optional<TurnState> turnState() {
        return Optional.ofNullable(state);
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
