// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

import io.capaee.api.InvalidValueException;

/**
 * How often and how patiently a failing delivery is tried before it becomes a dead letter (or goes
 * back to its source): {@code maxAttempts} in all, the first retry after
 * {@code initialBackoffMillis}, each pause doubling up to {@code maxBackoffMillis}. The one policy of
 * activation specs, input bindings, pub/sub subscriptions and connectors.
 *
 * @throws InvalidValueException naming the field that cannot work
 */
public record DeliveryPolicy(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidValueException("maxAttempts", maxAttempts + " must be at least 1");
        }
        if (initialBackoffMillis < 0) {
            throw new InvalidValueException("initialBackoffMillis", initialBackoffMillis + " must be 0 or more");
        }
        if (maxBackoffMillis < initialBackoffMillis) {
            throw new InvalidValueException("maxBackoffMillis", maxBackoffMillis
                    + " must be at least initialBackoffMillis (" + initialBackoffMillis + ")");
        }
    }

    /** Whether another attempt follows a failed attempt {@code attempt} (counted from 1). */
    public boolean retriesAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** The pause before attempt {@code next} (2 or more): doubling from the initial back-off, capped. */
    public long backoffBefore(int next) {
        long backoff = initialBackoffMillis;
        for (int i = 2; i < next && backoff < maxBackoffMillis; i++) {
            backoff *= 2;
        }
        return Math.min(backoff, maxBackoffMillis);
    }
}
