// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import java.time.Duration;
import java.util.Optional;

/** One actor type this server hosts, whatever implements it (Java class, remote host, wasm module). */
public interface HostedType {
    String name();

    /** {@code java}, {@code remote} or {@code wasm}. */
    String kind();

    /** This type's idle timeout; empty: the server default. */
    Optional<Duration> idleTimeout();

    /** A new instance for {@code id}; lifecycle hooks run later, inside a turn. */
    ActorInstance create(ActorId id, ActorRuntimeCore runtime);

    /** Whether a call chain may re-enter an actor of this type; empty: the server setting. */
    default Optional<Reentrancy> reentrancy() {
        return Optional.empty();
    }

    /** Refuses (throws) if this type cannot receive reminders. */
    default void checkReminders() {}

    /** Refuses (throws) if a Dapr-API timer with this callback could never be delivered. */
    default void checkTimerCallback(String callback) {}
}
