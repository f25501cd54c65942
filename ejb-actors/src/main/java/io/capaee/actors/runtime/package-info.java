// SPDX-License-Identifier: Apache-2.0
/**
 * The virtual-actor runtime, independent of the EJB container so that it runs in unit tests with
 * an in-memory store, a fixed clock and a manual scheduler: activation and idle deactivation,
 * turn-based calls, reminders and timers, per-type statistics.
 */
package io.capaee.actors.runtime;
