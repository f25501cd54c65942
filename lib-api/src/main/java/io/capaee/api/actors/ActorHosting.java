// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.Set;

/**
 * How a module of the application hands its Java actor classes to the runtime. The runtime reads
 * {@code META-INF/services/io.capaee.api.actors.Actor} through its own class loader at start, which
 * sees the EAR's {@code lib/} jars and EJB modules but, by Jakarta EE class loading, no web module.
 * A WAR calls {@link #hostActors} once at start with its class loader (see the sample application).
 * The EJB module binds it as {@code java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.actors.ActorHosting}.
 */
public interface ActorHosting {
    /**
     * Hosts the {@link ActorType} classes that the service files visible to {@code loader} list,
     * skipping those already hosted; returns the type names it added. Throws {@link ActorException}
     * naming every line it could not host (after hosting the others).
     */
    Set<String> hostActors(ClassLoader loader);
}
