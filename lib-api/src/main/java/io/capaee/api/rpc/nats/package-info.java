// SPDX-License-Identifier: Apache-2.0
/**
 * Schema-first RPC over NATS request/reply, with interfaces passed as arguments (callbacks).
 * The one place of the RPC layer that uses a broker client type (a jnats {@code Connection}, given
 * by the caller: the resource adapter's connection factory on the server).
 */
package io.capaee.api.rpc.nats;
