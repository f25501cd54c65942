// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.security.AccessFilter;
import io.capaee.functions.worker.WorkerResource;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** Who may use /wasm: function calls are public, listings need a viewer, the worker's operations an admin. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class FunctionsAccessFilter extends AccessFilter {
    @Override
    protected String component(Class<?> resourceClass) {
        return resourceClass == WorkerResource.class ? "worker" : "functions";
    }
}
