// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

/**
 * The registry's module store as a resource of the resource adapter, bound in JNDI as
 * {@code eis/capa/registry}: the registry WAR and the worker both use the one store it names
 * ({@code capa.registry.backend}: a directory of this server, or a JetStream bucket every server
 * on that NATS shares). Thread-safe.
 */
public interface ModuleStoreConnectionFactory {
    /** A handle on the store; close it after the unit of work. */
    ModuleStoreConnection getConnection();

    /** What the store runs on, e.g. {@code file /var/capa/registry} or {@code jetstream bucket capa-registry on nats ...}; never a secret. */
    String describe();
}
