// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.util.List;

/**
 * One hosted actor type as operators see it.
 *
 * @param kind {@code java}, {@code remote} or {@code wasm}
 * @param active the ids of its active actors, sorted
 * @param callMillisTotal the time spent in calls, summed
 */
public record ActorTypeStatus(String type, String kind, List<String> active, long activations, long deactivations,
                              long calls, long errors, long callMillisTotal) {}
