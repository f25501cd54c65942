// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.time.Duration;

/**
 * What the runtime gives one Java actor: its id, its state, and its timers and reminders. Use it
 * only from inside the actor's own turns.
 */
public interface ActorContext {
    ActorId id();

    ActorState state();

    /**
     * Registers (or replaces) an in-memory timer: {@code handler} runs in its own turn after
     * {@code dueTime}, then every {@code period} ({@code null}: once), while the actor is active.
     */
    void registerTimer(String name, Duration dueTime, Duration period, TimerHandler handler);

    /** Removes a timer; true when it existed. */
    boolean unregisterTimer(String name);

    /**
     * Registers (or replaces) a durable reminder that fires {@link Remindable#receiveReminder} after
     * {@code dueTime}, then every {@code period} ({@code null}: once), across deactivation and server
     * restarts. {@code data} is JSON or {@code null}. The actor class must implement {@link Remindable}.
     */
    void registerReminder(String name, Duration dueTime, Duration period, String data);

    /** Removes a reminder; true when it existed. */
    boolean unregisterReminder(String name);
}
