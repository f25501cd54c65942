// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.jobs;

import java.time.Instant;

/**
 * A stored job and where it stands.
 *
 * @param spec the job as scheduled
 * @param next when it fires next
 * @param fired how many times it has fired
 * @param expiresAt when its ttl ends it, or {@code null}
 */
public record JobView(JobSpec spec, Instant next, int fired, Instant expiresAt) {}
