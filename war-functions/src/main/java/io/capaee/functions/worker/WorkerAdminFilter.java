// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.security.AdminOnly;
import io.capaee.api.security.AdminRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** The admin check of the worker's operations. */
@Provider
@AdminOnly
public class WorkerAdminFilter extends AdminRequestFilter {
    @Override
    protected String component() {
        return "worker";
    }
}
