// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import java.time.Duration;

/** How deliveries are retried: attempts in all, first and longest back-off, the app's time limit per attempt. */
record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {
    DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("capa.pubsub.max-attempts must be at least 1, got " + maxAttempts);
        }
    }
}
