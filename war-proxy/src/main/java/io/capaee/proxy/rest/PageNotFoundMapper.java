// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An unknown path under the gateway answers Capsule's 404 body (spec 11: {@code GET /nope}). */
@Provider
public class PageNotFoundMapper implements ExceptionMapper<NotFoundException> {
    @Override
    public Response toResponse(NotFoundException e) {
        return CapsuleJson.response(404, CapsuleJson.PAGE_NOT_FOUND);
    }
}
