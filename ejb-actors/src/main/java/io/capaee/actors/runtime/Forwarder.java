// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ScheduleSpec;
import java.net.URI;
import java.util.concurrent.CompletionStage;

/**
 * Sends an actor operation to the server that owns the actor. A refusal comes back as the
 * {@link io.capaee.api.actors.ActorException} the owner raised; an owner that cannot be reached, or
 * that no longer owns the actor, as one with reason {@code NOT_OWNER} (the runtime then looks again).
 */
public interface Forwarder {
    CompletionStage<ActorResponse> invoke(URI owner, ActorId actor, String method, ActorRequest request);

    CompletionStage<Void> createReminder(URI owner, ActorId actor, String name, ScheduleSpec spec, boolean overwrite);

    CompletionStage<Boolean> deleteReminder(URI owner, ActorId actor, String name);

    CompletionStage<Void> createTimer(URI owner, ActorId actor, String name, ScheduleSpec spec);

    CompletionStage<Boolean> deleteTimer(URI owner, ActorId actor, String name);

    /** For one server: nothing is ever forwarded. */
    static Forwarder none() {
        return new Forwarder() {
            private <T> CompletionStage<T> never() {
                throw new IllegalStateException("one server owns every actor: nothing is forwarded");
            }

            @Override
            public CompletionStage<ActorResponse> invoke(URI owner, ActorId actor, String method, ActorRequest request) {
                return never();
            }

            @Override
            public CompletionStage<Void> createReminder(URI owner, ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
                return never();
            }

            @Override
            public CompletionStage<Boolean> deleteReminder(URI owner, ActorId actor, String name) {
                return never();
            }

            @Override
            public CompletionStage<Void> createTimer(URI owner, ActorId actor, String name, ScheduleSpec spec) {
                return never();
            }

            @Override
            public CompletionStage<Boolean> deleteTimer(URI owner, ActorId actor, String name) {
                return never();
            }
        };
    }
}
