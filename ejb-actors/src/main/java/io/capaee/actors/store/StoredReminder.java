// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.store;

import java.time.Instant;

/**
 * A durable reminder as stored.
 *
 * @param dueTime the due time as registered (Dapr's formats)
 * @param period the period as registered; empty when it fires once
 * @param ttl the ttl as registered; empty when none
 * @param data the JSON payload, or {@code null}
 * @param next when it fires next
 * @param remaining firings left, -1 for no limit
 * @param expiresAt absolute expiry, or {@code null}
 */
public record StoredReminder(String name, String dueTime, String period, String ttl, String data,
                             Instant next, int remaining, Instant expiresAt) {
    public StoredReminder {
        // stored as epoch milliseconds: keep the in-memory copy equal to what a read gives back
        next = next.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public StoredReminder withNext(Instant at, int left) {
        return new StoredReminder(name, dueTime, period, ttl, data, at, left, expiresAt);
    }
}
