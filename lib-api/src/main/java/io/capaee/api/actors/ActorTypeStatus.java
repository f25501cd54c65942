// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * One hosted actor type as operators see it.
 *
 * @param kind {@code java}, {@code remote} or {@code wasm}
 * @param active how many of its actors are active (not which: ids are the callers' business, and a
 *     listing of every id would hand them to anyone who may read this)
 * @param callMillisTotal the time spent in calls, summed
 * @param queued calls waiting for their turn, over all its active actors
 * @param reminders its reminders armed on this server (those it fires)
 */
public record ActorTypeStatus(String type, String kind, int active, long activations, long deactivations,
                              long calls, long errors, long callMillisTotal, int queued, int reminders) {}
