// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.shutdown;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Dapr's {@code POST /v1.0/shutdown}: 204 and the server stops, when allowed ({@link ServerShutdown}); else 403. */
@RequiresAccess(Access.APP)
@Path("/v1.0/shutdown")
public class ShutdownResource {
    @Inject
    ServerShutdown shutdown;

    @POST
    public Response shutdown() {
        shutdown.request("POST /v1.0/shutdown");
        return Response.noContent().build();
    }
}
