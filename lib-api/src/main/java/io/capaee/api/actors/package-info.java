// SPDX-License-Identifier: Apache-2.0
/**
 * Virtual actors: the API that actor classes implement ({@link io.capaee.api.actors.ActorType},
 * {@link io.capaee.api.actors.ActorContext}, {@link io.capaee.api.actors.ActorState}) and the runtime
 * facade that the gateway calls ({@link io.capaee.api.actors.ActorRuntime}).
 *
 * <p>One rule for state: changes made during a turn (a method call, a timer, a reminder) are saved
 * atomically when the turn ends without an exception and discarded when it throws.
 */
package io.capaee.api.actors;
