// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.time.Duration;

/**
 * A rule's circuit breaker, one per upstream: after {@code failures} failed requests in a row
 * (no answer, or a 5xx) the upstream gets no traffic for {@code openFor}; then one request probes
 * it, and its outcome closes the breaker or opens it again.
 */
public record BreakerSettings(int failures, Duration openFor) {
    public static final BreakerSettings DEFAULT = new BreakerSettings(5, Duration.ofSeconds(30));

    public BreakerSettings {
        if (failures < 1) {
            throw TrafficException.invalid("breaker failures must be at least 1, not " + failures);
        }
        if (openFor == null || openFor.isNegative() || openFor.isZero()) {
            throw TrafficException.invalid("breaker open-for must be a positive duration");
        }
    }
}
