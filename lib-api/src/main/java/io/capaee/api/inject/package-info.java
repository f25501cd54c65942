// SPDX-License-Identifier: Apache-2.0
/**
 * The proxyless mode of the building blocks: application code anywhere in the EAR injects a named
 * component with {@code @Inject @CapaComponent("statestore") StateConnectionFactory states;}
 * (also {@code LockConnectionFactory}, {@code ConfigurationConnectionFactory} and
 * {@code SecretStore}). The producers look the components up where server.xml binds them
 * ({@code eis/capa/KIND/NAME}); lib-api is a CDI bean archive (annotated discovery) for them.
 */
package io.capaee.api.inject;
