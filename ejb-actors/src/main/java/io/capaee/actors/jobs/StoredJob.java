// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.api.jobs.JobSpec;
import io.capaee.api.jobs.JobView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A job as stored: what was scheduled and where it stands.
 *
 * @param next when it fires next
 * @param fired how many times it has fired
 * @param expiresAt when its ttl ends it, or {@code null}
 * @param traceparent the W3C trace context of the span that scheduled it, which each firing's span links to; {@code null}
 *     when none did (tracing off)
 */
public record StoredJob(JobSpec spec, Instant next, int fired, Instant expiresAt, String traceparent) {
    public StoredJob {
        // stored as epoch milliseconds: keep the in-memory copy equal to what a read gives back
        next = next.truncatedTo(ChronoUnit.MILLIS);
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** This job with one more firing counted. */
    StoredJob counted() {
        return new StoredJob(spec, next, fired + 1, expiresAt, traceparent);
    }

    StoredJob dueAt(Instant at) {
        return new StoredJob(spec, at, fired, expiresAt, traceparent);
    }

    JobView view() {
        return new JobView(spec, next, fired, expiresAt);
    }
}
