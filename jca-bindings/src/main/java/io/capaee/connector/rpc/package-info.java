// SPDX-License-Identifier: Apache-2.0
/**
 * The NATS connection of schema-first RPC: a {@link io.capaee.api.rpc.MessageBusFactory}
 * ({@code eis/capa/rpc/nats}) whose buses share one jnats connection per factory. The jnats
 * adapter ({@link io.capaee.connector.rpc.NatsMessageBus}) lives here so that lib-api's public
 * signatures hold no broker client type.
 */
package io.capaee.connector.rpc;
