// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.dapr.DaprExceptionMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

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
    static final String JNDI_PREFIX = "eis/binding/";
    static final String INVOKE_FAILED = "ERR_INVOKE_OUTPUT_BINDING";

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
        OutputBindingFactory factory = lookup(name);
        BindingRequest request = InvokeBindingBody.parse(body);
        BindingResponse result;
        try (OutputBinding binding = factory.getConnection()) {
            result = binding.invoke(request);
        } catch (OutputBindingException e) {
            return error(name, e);
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

    private static OutputBindingFactory lookup(String name) {
        if (!EventTarget.isName(name)) {
            throw new DaprException(404, INVOKE_FAILED, "'" + name + "' is not a binding name"
                    + " (letters, digits, '.', '_', '-')");
        }
        try {
            Object found = InitialContext.doLookup(JNDI_PREFIX + name);
            if (found instanceof OutputBindingFactory factory) {
                return factory;
            }
            throw new DaprException(404, INVOKE_FAILED, "'" + JNDI_PREFIX + name + "' is not an output binding");
        } catch (NameNotFoundException e) {
            throw new DaprException(404, INVOKE_FAILED, "no output binding named '" + name
                    + "': configure a connectionFactory with jndiName=\"" + JNDI_PREFIX + name + "\" in server.xml");
        } catch (NamingException e) {
            throw new DaprException(500, INVOKE_FAILED, "cannot look up binding '" + name + "': " + e.getMessage(), e);
        }
    }
}
