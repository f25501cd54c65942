// SPDX-License-Identifier: Apache-2.0
/**
 * Schema-first RPC over NATS request/reply, with interfaces passed as arguments (callbacks).
 * It talks through a {@link io.capaee.api.rpc.MessageBus}, not a broker client: on the server the
 * resource adapter's NATS connection factory ({@code eis/capa/rpc/nats}) hands one out.
 */
package io.capaee.api.rpc.nats;
