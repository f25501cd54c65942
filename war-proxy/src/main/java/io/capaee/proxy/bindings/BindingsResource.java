// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.api.metrics.BindingMetrics;
import io.capaee.proxy.dapr.DaprExceptionMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST|PUT /v1.0/bindings/{name}}: invokes the output binding whose connection factory is
 * bound as {@code eis/binding/{name}} (a {@code <connectionFactory>} in server.xml). Answers 200
 * with the binding's data, or 204 when it returned none; the response metadata comes back as
 * {@code metadata.<key>} headers, on errors too. Errors carry Dapr's
 * {@code ERR_INVOKE_OUTPUT_BINDING}; the status says whose fault it is (Dapr answers 500 for all):
 * 404 unknown binding, 400 bad operation or metadata, 403 a subject, topic or key the binding does
 * not let callers choose, 507 the binding's store is full, 503 system unreachable, 500 system refused.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0/bindings")
@ApplicationScoped
public class BindingsResource {
    @Inject
    Traces traces;

    static final String INVOKE_FAILED = OutputBindings.INVOKE_FAILED;

    @Inject
    BindingMetrics metrics;

    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response post(@PathParam("name") String name, String body) {
        return invoke(name, body);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("name") String name, String body) {
        return invoke(name, body);
    }

    private Response invoke(String name, String body) {
        OutputBindingFactory factory = OutputBindings.lookup(name);
        BindingRequest request = InvokeBindingBody.parse(body);
        BindingResponse result;
        long start = System.nanoTime();
        boolean failed = true;
        try (TraceSpan span = BindingTraces.invoke(traces, name, request.operation())) {
            try (OutputBinding binding = factory.getConnection()) {
                result = binding.invoke(BindingTraces.withContext(span, request));
                failed = false;
            } catch (OutputBindingException e) {
                span.failed(e);
                return error(name, e);
            } finally {
                metrics.invoked(name, System.nanoTime() - start, failed);
            }
        }
        Response.ResponseBuilder response = result.hasData()
                ? Response.ok(result.data(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                : Response.noContent();
        return withMetadata(response, result.metadata()).build();
    }

    static Response error(String name, OutputBindingException e) {
        BindingFailure failure = BindingFailure.of(name, e);
        Response error = DaprExceptionMapper.response(failure.status(), INVOKE_FAILED, failure.detail());
        return withMetadata(Response.fromResponse(error), e.metadata()).build();
    }

    private static Response.ResponseBuilder withMetadata(Response.ResponseBuilder response, Map<String, String> metadata) {
        metadata.forEach((key, value) -> response.header("metadata." + key, value));
        return response;
    }
}
