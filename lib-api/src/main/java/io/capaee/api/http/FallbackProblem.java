// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.http;

import jakarta.ws.rs.WebApplicationException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a WAR answers for an exception none of its own mappers takes: JAX-RS's own errors (404 path,
 * 405 method, ...) keep their status as kind {@code http-<status>}; anything else is a bug, logged
 * here with its stack trace and answered 500 without it.
 */
public final class FallbackProblem {
    private FallbackProblem() {}

    /** A JAX-RS error of this status: kind {@code http-<status>}, titled by its reason phrase. */
    public static Problem ofStatus(int status, String detail) {
        return Problem.of(status, "http-" + status, Problem.title(status), detail);
    }

    /**
     * @param log the WAR's logger, so the failure is logged under the API it happened in
     * @param api the API's name in the log line, e.g. {@code functions API}
     */
    public static Problem of(Throwable e, Logger log, String api) {
        if (e instanceof WebApplicationException w) {
            return ofStatus(w.getResponse().getStatus(), w.getMessage());
        }
        log.log(Level.SEVERE, "unexpected failure in the " + api, e);
        return Problem.of(500, "internal", "Internal error", "unexpected " + e.getClass().getSimpleName() + "; see the server log");
    }
}
