// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorId;
import io.capaee.api.kv.Fence;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Which server runs an actor. One server ({@link #single()}) runs them all; a group of servers splits
 * the actors into partitions, each owned by one server at a time ({@code placement.PartitionLeases}).
 */
public interface Placement {

    /** Where an actor's calls go now. */
    sealed interface Where {
        /** This server owns the actor. */
        record Here() implements Where {}

        /** Another server owns it, reached at {@code url}. */
        record There(URI url) implements Where {}

        /** No server can take it right now (its owner's lease has not run out, or it is moving); try again shortly. */
        record Nowhere(String why) implements Where {}
    }

    /** What the runtime does when this server gains or loses a partition. */
    interface Owner {
        /** Arms the reminders of the partitions' actors (one scan of the store for all of them). */
        void gained(Set<Integer> partitions);

        /**
         * Deactivates the partition's actors and disarms their reminders; completes once they are gone.
         *
         * @param drain let running and waiting calls finish first (a partition handed over); else they
         *     are refused at once (a lease lost)
         */
        CompletionStage<Void> lost(int partition, boolean drain);
    }

    Where where(ActorId actor);

    /** Whether this server owns the actor now, from what it knows (no store is asked): a reminder fires only then. */
    default boolean owns(ActorId actor) {
        return owns(partition(actor));
    }

    /** Whether this server owns {@code partition} now, from what it knows. */
    boolean owns(int partition);

    /** The partition of another kind of work placed like the actors (a job, by its name). */
    int partition(String key);

    /**
     * Whether this server still holds the actor's partition, even while it may not act on it (its lease is
     * being renewed late): a reminder due then is tried again shortly rather than left to another server.
     */
    default boolean holds(ActorId actor) {
        return holds(partition(actor));
    }

    /** {@link #holds(ActorId)} for a partition. */
    default boolean holds(int partition) {
        return owns(partition);
    }

    /** What was known of the actor's owner proved wrong (a forwarded call was refused): look again. */
    default void stale(ActorId actor) {
    }

    /** The actor's partition. */
    int partition(ActorId actor);

    /** The condition on a turn's save of the actor's state: that this server still owns it; empty on one server. */
    Optional<Fence> fence(ActorId actor);

    /** Starts placing: {@code owner} hears of every partition gained and lost from now on. */
    void start(Owner owner);

    /**
     * The server is stopping: no partition is taken from now on and no call is placed here, while the
     * partitions held stay held (their leases renewed) until {@link #stop()}, so that the actors' last saves
     * as they deactivate are not fenced off.
     */
    default void quiesce() {
    }

    /** Gives every partition back (after {@code owner} deactivated their actors); none is gained after this. */
    void stop();

    /**
     * A write of the actor's turn was fenced off: another server took its partition. Drops it here at once
     * rather than at the next renewal.
     */
    default void fencedOff(ActorId actor) {
    }

    List<ActorGroupMember> members();

    /** One server, owning every actor: partition 0 is gained at start. */
    static Placement single() {
        return new Placement() {
            @Override
            public Where where(ActorId actor) {
                return new Where.Here();
            }

            @Override
            public boolean owns(int partition) {
                return true;
            }

            @Override
            public int partition(ActorId actor) {
                return 0;
            }

            @Override
            public int partition(String key) {
                return 0;
            }

            @Override
            public Optional<Fence> fence(ActorId actor) {
                return Optional.empty();
            }

            @Override
            public void start(Owner owner) {
                owner.gained(Set.of(0));
            }

            @Override
            public void stop() {
                // nothing is held anywhere
            }

            @Override
            public List<ActorGroupMember> members() {
                return List.of();
            }
        };
    }
}
