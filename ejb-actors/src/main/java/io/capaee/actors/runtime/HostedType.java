// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * One actor type this server hosts, whatever implements it (Java class, remote host, wasm module): an
 * actor kind. The runtime hands each instance an {@link ActorSite}, never the runtime itself.
 */
public interface HostedType {
    String name();

    /** {@code java}, {@code remote} or {@code wasm}. */
    String kind();

    /** This type's idle timeout; empty: the server default. */
    Optional<Duration> idleTimeout();

    /** A new instance for the actor of {@code site}; lifecycle hooks run later, inside a turn. */
    ActorInstance create(ActorSite site);

    /** Whether a call chain may re-enter an actor of this type; empty: the server setting. */
    default Optional<Reentrancy> reentrancy() {
        return Optional.empty();
    }

    /** Refuses (throws) if this type cannot receive reminders. */
    default void checkReminders() {}

    /** Refuses (throws) if a Dapr-API timer with this callback could never be delivered. */
    default void checkTimerCallback(String callback) {}
}
