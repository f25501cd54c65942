// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.api.InvalidValueException;
import java.time.Duration;

/**
 * The jobs' settings ({@code capa.jobs.*}).
 *
 * @param keyPrefix prefix of the key of the jobs' document in the key/value store
 * @param maxJobs how many jobs may be stored
 * @param attempts deliveries of one firing before it is given up
 * @param retryInterval the pause before a failed delivery, or a firing the store could not read, is tried again
 */
public record JobSettings(String keyPrefix, int maxJobs, int attempts, Duration retryInterval) {
    public JobSettings {
        if (maxJobs < 1) {
            throw new InvalidValueException("capa.jobs.max-jobs", maxJobs + " is less than 1");
        }
        if (attempts < 1) {
            throw new InvalidValueException("capa.jobs.delivery-attempts", attempts + " is less than 1");
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new InvalidValueException("capa.jobs.retry-interval", retryInterval + " is not positive");
        }
    }

    /** The defaults of capa-ee.xml, for tests. */
    public static JobSettings defaults() {
        return new JobSettings("capa:jobs:", 10_000, 3, Duration.ofSeconds(5));
    }
}
