// SPDX-License-Identifier: Apache-2.0
/**
 * Named components of the Dapr API (state stores, lock stores, secret stores, ...): how the
 * gateway finds them (JNDI names {@code eis/capa/KIND/NAME} bound in server.xml, or MicroProfile
 * Config) and how a building block lists them in {@code GET /v1.0/metadata}
 * ({@link io.capaee.proxy.component.MetadataContributor}).
 */
package io.capaee.proxy.component;
