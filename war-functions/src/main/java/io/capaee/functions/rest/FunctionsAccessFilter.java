// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.security.Access;
import io.capaee.api.security.AccessFilter;
import io.capaee.functions.worker.WorkerResource;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Who may use /wasm: function calls are public (or what {@code capa.security.functions} says), listings need a
 * viewer, the worker's operations an admin.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class FunctionsAccessFilter extends AccessFilter {
    /** Function calls that reach JAX-RS (HEAD, OPTIONS...) need what {@link FunctionCallFilter}'s calls need. */
    @Override
    protected Access required(Method method, Class<?> resourceClass) {
        Access declared = declared(method, resourceClass);
        return resourceClass == FunctionsResource.class && declared == Access.PUBLIC ? policy().functions() : declared;
    }

    @Override
    protected String component(Class<?> resourceClass) {
        return resourceClass == WorkerResource.class ? "worker" : "functions";
    }
}
