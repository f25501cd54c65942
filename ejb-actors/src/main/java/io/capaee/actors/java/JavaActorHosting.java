// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorHosting;
import jakarta.json.bind.Jsonb;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Which Java actor classes the runtime hosts: those that the service files visible to a class
 * loader list ({@link ActorServices}), plus at start those named by {@code capa.actors.classes}.
 */
public final class JavaActorHosting implements ActorHosting {
    private static final Logger LOG = Logger.getLogger(JavaActorHosting.class.getName());

    private final ActorRuntimeCore runtime;
    private final Jsonb jsonb;

    public JavaActorHosting(ActorRuntimeCore runtime, Jsonb jsonb) {
        this.runtime = runtime;
        this.jsonb = jsonb;
    }

    /**
     * The classes listed in the service files that {@code loader} sees (the EAR's libraries and EJB
     * modules, for the runtime's own loader), then those of {@code listed} (capa.actors.classes);
     * a line or name that is no loadable class is logged and left out.
     */
    public static Set<Class<?>> classes(ClassLoader loader, String listed) {
        ActorServices.Found found = ActorServices.read(loader);
        found.problems().forEach(p -> LOG.severe("CAPA-ACTORS: " + p));
        Set<Class<?>> classes = new LinkedHashSet<>(found.classes());
        for (String name : listed.split("[,\\s]+")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                classes.add(Class.forName(name.trim(), true, loader));
            } catch (ClassNotFoundException e) {
                LOG.severe("CAPA-ACTORS: capa.actors.classes names " + name + ", which is not a class of the application");
            }
        }
        return classes;
    }

    @Override
    public Set<String> hostActors(ClassLoader loader) {
        ActorServices.Found found = ActorServices.read(loader);
        List<String> problems = new ArrayList<>(found.problems());
        Set<String> added = new TreeSet<>();
        for (Class<?> cls : found.classes()) {
            try {
                JavaActorType type = new JavaActorType(cls, jsonb);
                // a WAR's loader also sees the EAR's libraries, whose actors are hosted already
                if (runtime.hosted(type.name()).filter(t -> t instanceof JavaActorType j && j.actorClass() == cls).isPresent()) {
                    continue;
                }
                runtime.register(type);
                added.add(type.name());
            } catch (ActorException e) {
                problems.add(e.getMessage());
            }
        }
        if (!added.isEmpty()) {
            LOG.info("CAPA-ACTORS: hosting actor types " + added + " of " + loader);
        }
        if (!problems.isEmpty()) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "some actor classes could not be hosted: " + String.join("; ", problems));
        }
        return added;
    }
}
