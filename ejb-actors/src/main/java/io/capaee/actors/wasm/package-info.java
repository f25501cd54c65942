// SPDX-License-Identifier: Apache-2.0
/**
 * WebAssembly actors: a Capsule 0.1.x module as an actor type. A method call is the module's
 * {@code callHandle} with the method name as first argument; {@code hostRedisGet/Set/Keys} reach the
 * calling actor's own state, saved with the turn.
 */
package io.capaee.actors.wasm;
