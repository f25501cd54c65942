// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorId;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives an activation its instance and takes it away: the instance is made by its type from the
 * actor's {@link ActorSite}, and hears {@code onActivate} and {@code onDeactivate} each in a turn of
 * its own (state saved after the hook succeeds, discarded when it throws).
 */
final class Activator {
    private static final Logger LOG = Logger.getLogger(Activator.class.getName());

    private final Function<ActorId, Site> sites;
    private final TypeRegistry types;
    private final ActiveActors active;

    Activator(Function<ActorId, Site> sites, TypeRegistry types, ActiveActors active) {
        this.sites = sites;
        this.types = types;
        this.active = active;
    }

    /** Called from inside the actor's first turn; throws (leaving no instance) when the instance cannot start. */
    void activate(Activation a) {
        Site site = sites.apply(a.id);
        ActorInstance instance = a.type.create(site);
        a.site = site;
        a.instance = instance;
        try {
            inOwnTurn(instance, instance::onActivate);
        } catch (RuntimeException e) {
            a.instance = null;
            a.site = null;
            throw e;
        }
        types.stats(a.type.name()).activations.increment();
    }

    /** Ends an activation that is closed and runs no turn: its timers stop, its instance hears onDeactivate. */
    void deactivate(Activation a) {
        active.forget(a);
        a.cancelTimers();
        ActorInstance instance = a.instance;
        if (instance != null) {
            try {
                inOwnTurn(instance, instance::onDeactivate);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deactivating " + a.id + " failed: " + e.getMessage(), e);
            }
            types.stats(a.type.name()).deactivations.increment();
        }
    }

    /** Runs {@code hook} with state saved after it succeeds and discarded when it throws. */
    private static void inOwnTurn(ActorInstance instance, Runnable hook) {
        instance.beginTurn();
        try {
            hook.run();
        } catch (RuntimeException | Error e) {
            instance.endTurn(false);
            throw e;
        }
        instance.endTurn(true);
    }
}
