// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.http.LimitedInputStream;
import io.capaee.functions.service.FunctionsConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * The request body limit of every JAX-RS API of {@code /wasm} (the worker's operations, and the function calls
 * that {@link FunctionCallFilter} leaves to JAX-RS): {@code capa.functions.max-body-bytes}, so that no body of any
 * size is read into memory, whoever sends it.
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BodyLimitFilter implements ContainerRequestFilter {
    @Inject
    FunctionsConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = config.maxBodyBytes();
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit, () -> tooLarge(limit)));
        }
    }

    private static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("request body is larger than capa.functions.max-body-bytes = " + limit + " bytes");
    }
}
