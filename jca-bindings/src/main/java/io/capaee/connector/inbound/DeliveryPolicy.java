// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.connector.InvalidConfigException;

/** How often and how patiently a failing delivery is retried before it becomes a dead letter. */
public record DeliveryPolicy(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidConfigException("maxAttempts", maxAttempts + " must be at least 1");
        }
        if (initialBackoffMillis < 0) {
            throw new InvalidConfigException("initialBackoffMillis", initialBackoffMillis + " must be 0 or more");
        }
        if (maxBackoffMillis < initialBackoffMillis) {
            throw new InvalidConfigException("maxBackoffMillis", maxBackoffMillis
                    + " must be at least initialBackoffMillis (" + initialBackoffMillis + ")");
        }
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
