// SPDX-License-Identifier: Apache-2.0
/**
 * The module registry's store as a connection factory ({@code eis/capa/registry}): a directory of
 * this server (lib-api's {@link io.capaee.api.registry.FileModuleStore}) or a NATS JetStream bucket
 * that every server on that NATS shares ({@link io.capaee.connector.registry.JetStreamModuleStore}).
 */
package io.capaee.connector.registry;
