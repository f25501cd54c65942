// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * A stored reminder as Dapr's GET returns it.
 *
 * @param ttl the absolute expiry (RFC3339), or {@code null}
 * @param data the JSON payload, or {@code null}
 */
public record ReminderView(String actorType, String actorId, String dueTime, String period, String ttl, String data) {}
