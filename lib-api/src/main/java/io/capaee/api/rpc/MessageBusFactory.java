// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

/**
 * Hands out {@link MessageBus}es: the resource adapter's NATS connection factory for RPC, looked up
 * as {@code eis/capa/rpc/nats} (a {@code <connectionFactory>} in server.xml).
 */
public interface MessageBusFactory {
    /** A bus to hold while subscriptions are wanted, then close; never null. */
    MessageBus getConnection();
}
