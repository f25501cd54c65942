// SPDX-License-Identifier: Apache-2.0
/**
 * The virtual-actor runtime, independent of the EJB container so that it runs in unit tests with
 * an in-memory store, a fixed clock and a manual scheduler. {@link io.capaee.actors.runtime.ActorRuntimeCore}
 * puts it together from its parts: the type registry, the table of active actors (quota, idle scan,
 * shutdown), activation, turns with call chains and reentrancy, timers, reminders and the state API.
 * Actor kinds (Java classes, wasm modules, remote hosts) implement {@link io.capaee.actors.runtime.HostedType}
 * and see only an {@link io.capaee.actors.runtime.ActorSite} per actor: its identity, state, timers and reminders.
 */
package io.capaee.actors.runtime;
