// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.jobs;

import io.capaee.api.InvalidValueException;
import io.capaee.api.jobs.JobException;
import io.capaee.proxy.dapr.DaprException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The jobs API's refusals, over HTTP ({@link JobsResource}) and gRPC alike, with Dapr's error codes: a field that
 * cannot work 400 naming it, an unknown job 404, a job that exists (without {@code overwrite}) or too many jobs 409,
 * a store that cannot be reached 503 (the detail in the log).
 */
public final class JobRefusals {
    private static final Logger LOG = Logger.getLogger(JobRefusals.class.getName());

    private JobRefusals() {}

    /** Runs a call of the job scheduler, its refusals as {@link DaprException}s. */
    public static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidValueException e) {
            throw new DaprException(400, "ERR_MALFORMED_REQUEST", "invalid field '" + e.field() + "' of the job: " + e.problem());
        } catch (JobException e) {
            if (e.reason() == JobException.Reason.EXISTS) {
                throw new DaprException(409, "ERR_JOB_EXISTS", e.getMessage());
            }
            LOG.log(Level.WARNING, "jobs: {0}", e.getMessage());
            throw new DaprException(503, "ERR_JOB_STORE", "the jobs' store cannot be reached; the server log has the detail");
        }
    }

    public static DaprException notFound(String name) {
        return new DaprException(404, "ERR_JOB_NOT_FOUND", "no job named '" + name + "'");
    }
}
