// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The actor runtime as the gateway (Dapr's {@code /v1.0/actors} API) and operators see it. The EJB
 * module binds it as {@code java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.actors.ActorRuntime}.
 * Every method throws {@link ActorException} with a reason when it refuses or fails.
 */
public interface ActorRuntime {
    /** Calls {@code method} on the actor in a turn of its own, activating it first when needed. */
    ActorResponse invoke(ActorId actor, String method, ActorRequest request);

    /**
     * Like {@link #invoke}, without holding the caller's thread: the call waits in the actor's queue
     * and its turn runs on the runtime's executor. The stage fails with {@link ActorException}
     * (possibly wrapped in a {@code CompletionException}).
     */
    CompletionStage<ActorResponse> invokeAsync(ActorId actor, String method, ActorRequest request);

    /**
     * Like {@link #invokeAsync}, for a caller whose thread may do the work (a request thread, not an event
     * loop): when the actor is idle its turn runs on the caller's thread before this returns, saving the
     * hand-over to the executor and back; when it is busy, the call waits in its queue without holding the
     * thread, as with {@link #invokeAsync}. A call forwarded to another server is awaited without a thread.
     */
    default CompletionStage<ActorResponse> invokeOnCaller(ActorId actor, String method, ActorRequest request) {
        return invokeAsync(actor, method, request);
    }

    /** The JSON value at {@code key}, or empty. */
    Optional<String> getState(ActorId actor, String key);

    /** Applies every operation atomically. */
    void transaction(ActorId actor, List<StateOperation> operations);

    /** Creates or (when {@code overwrite}) replaces a durable reminder. */
    void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite);

    Optional<ReminderView> getReminder(ActorId actor, String name);

    /** True when it existed. */
    boolean deleteReminder(ActorId actor, String name);

    /** Creates or replaces an in-memory timer that calls {@code spec.callback()} (activating the actor). */
    void createTimer(ActorId actor, String name, ScheduleSpec spec);

    boolean deleteTimer(ActorId actor, String name);

    /** The actor types hosted here, sorted. */
    Set<String> types();

    /** Per hosted type: its active ids and counters. */
    List<ActorTypeStatus> status();

    /**
     * The ids of {@code type}'s actors active on this server, sorted, from {@code offset}, at most {@code limit}
     * (an operator's view: the gateway lets only viewers and above read it).
     */
    default ActiveIdPage activeIds(String type, int offset, int limit) {
        return new ActiveIdPage(type, 0, offset, List.of());
    }

    /**
     * The reminders of {@code type}'s actors that this server fires (on a partitioned group, those of the
     * partitions it owns), sorted by actor id and name, from {@code offset}, at most {@code limit} (an operator's view).
     */
    default ReminderPage reminders(String type, int offset, int limit) {
        return new ReminderPage(type, 0, offset, List.of());
    }

    /** Every stored reminder of {@code actor}, by name, wherever it fires (an operator's view). */
    default List<ActorReminder> reminders(ActorId actor) {
        return List.of();
    }

    /**
     * Deactivates one actor active on this server after its running turn and the calls waiting for it; its
     * state stays stored and its next call activates it again. @return false when it was not active here
     */
    default boolean deactivate(ActorId actor) {
        return false;
    }

    /**
     * The servers that share this server's actors (placement {@code partitioned}), this one included;
     * empty on a single server.
     */
    default List<ActorGroupMember> members() {
        return List.of();
    }

    /**
     * This runtime as the owner of an actor answers: it never forwards. An operation on an actor whose
     * partition another server owns fails with {@link ActorException.Reason#NOT_OWNER}. The gateway
     * uses it for calls another server forwarded here, so that a call is forwarded at most once.
     */
    default ActorRuntime here() {
        return this;
    }
}
