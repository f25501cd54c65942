// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.placement;

import java.net.URI;
import java.time.Duration;

/**
 * How a group of servers shares its actors ({@code capa.actors.placement=partitioned}).
 *
 * @param partitions how many partitions actor ids hash into ({@code capa.actors.partitions}); every
 *     server of a group must use the same number
 * @param leaseDuration how long a partition's lease lasts unless renewed ({@code capa.actors.lease-duration}):
 *     a server renews its leases three times per lease duration, and a dead server's partitions are
 *     taken over at most this long after its last renewal
 * @param selfUrl where the other servers reach this one ({@code capa.invoke.self-url})
 * @param keyPrefix the prefix of the lease and member keys ({@code capa.actors.key-prefix})
 */
public record PlacementSettings(int partitions, Duration leaseDuration, URI selfUrl, String keyPrefix) {
    public static final int MAX_PARTITIONS = 4096;

    public PlacementSettings {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("capa.actors.partitions must be between 1 and " + MAX_PARTITIONS + ", not " + partitions);
        }
        if (leaseDuration == null || leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("capa.actors.lease-duration must be at least 1 second, not " + leaseDuration);
        }
        if (selfUrl == null || selfUrl.getHost() == null || !("http".equals(selfUrl.getScheme()) || "https".equals(selfUrl.getScheme()))) {
            throw new IllegalArgumentException("capa.invoke.self-url must be an http(s) URL with a host that the other servers reach, not "
                    + selfUrl);
        }
        if (selfUrl.toString().contains(" ")) {
            throw new IllegalArgumentException("capa.invoke.self-url must not contain a space: " + selfUrl);
        }
    }

    /** How often the leases are renewed, and the members' list read. */
    public Duration renewEvery() {
        return leaseDuration.dividedBy(3);
    }
}
