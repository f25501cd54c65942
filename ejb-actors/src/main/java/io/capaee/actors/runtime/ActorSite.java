// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.TimerHandler;
import jakarta.json.bind.Jsonb;
import java.time.Duration;

/**
 * What the runtime gives an actor kind ({@link HostedType}) for one actor: its identity, its state
 * and its timers and reminders, and nothing else of the runtime. The timer and reminder methods are
 * those of the actor's own code ({@code ActorContext}), so they run inside that actor's turn.
 */
public interface ActorSite {
    ActorId id();

    /**
     * A new view of this actor's state for the instance to begin and end with each turn.
     *
     * @param jsonb for typed reads and writes; {@code null} when the kind reads and writes JSON text only
     */
    TurnState state(Jsonb jsonb);

    /** Registers (or replaces) an in-memory timer; only from inside this actor's turn. */
    void registerTimer(String name, Duration dueTime, Duration period, TimerHandler handler);

    boolean unregisterTimer(String name);

    /** Registers (or replaces) a durable reminder; {@code data} is JSON or null. */
    void registerReminder(String name, Duration dueTime, Duration period, String data);

    boolean unregisterReminder(String name);
}
