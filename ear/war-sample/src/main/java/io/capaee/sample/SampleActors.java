// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import io.capaee.api.actors.ActorHosting;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Hands this WAR's actor classes to the actor runtime when the WAR starts: the runtime's EJB module
 * cannot see a web module's classes, so it reads this WAR's service file through the WAR's loader.
 */
@ApplicationScoped
public class SampleActors {
    @EJB(lookup = "java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.actors.ActorHosting")
    ActorHosting actors;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        actors.hostActors(SampleActors.class.getClassLoader());
    }
}
