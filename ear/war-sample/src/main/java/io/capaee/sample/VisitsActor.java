// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorType;

/**
 * A Java actor of the application: listed in this WAR's
 * {@code META-INF/services/io.capaee.api.actors.Actor} and handed to the runtime by {@link SampleActors};
 * reachable as {@code /v1.0/actors/sample-visits/{id}/method/visit}.
 */
@ActorType("sample-visits")
public class VisitsActor {
    private final ActorContext context;

    public VisitsActor(ActorContext context) {
        this.context = context;
    }

    /** Counts a visit by {@code who} and returns how many this actor has had. */
    public int visit(String who) {
        int visits = context.state().get("visits", Integer.class).orElse(0) + 1;
        context.state().set("visits", visits);
        context.state().set("last", who);
        return visits;
    }
}
