// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * The stock of an item, asked of the inventory service by its logical name
 * ({@code http://inventory/stock/{item}}): where that call goes (which host, which version) is the
 * traffic rules' business, not this code's. The caller's {@code x-version} header is passed on, so a
 * pin header in the rule can choose the version. 502 when the call cannot be made (no rule for
 * {@code inventory}, or its upstream down).
 */
@Path("/stock/{item}")
@RequestScoped
public class StockResource {
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @Inject
    @Outbound
    Client client;

    @GET
    public Response stock(@PathParam("item") String item, @HeaderParam("x-version") String version) {
        if (!ITEM.matcher(item).matches()) {
            return Response.status(400).type("application/problem+json").entity("{\"type\":\"urn:capa-ee:problem:bad-request\","
                    + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"an item is 1-64 letters, digits, '_' or '-'\"}").build();
        }
        Invocation.Builder call = client.target("http://inventory/stock/" + item).request();
        if (version != null) {
            call.header("x-version", version);
        }
        try (Response answer = call.get()) {
            String body = answer.readEntity(String.class);
            Response.ResponseBuilder out = Response.status(answer.getStatus()).entity(body);
            String upstream = answer.getHeaderString("X-Upstream");
            if (upstream != null) {
                out.header("X-Inventory-Upstream", upstream);
            }
            if (answer.getMediaType() != null) {
                out.type(answer.getMediaType());
            }
            return out.build();
        } catch (ProcessingException e) {
            return Response.status(502).type("application/problem+json").entity("{\"type\":\"urn:capa-ee:problem:bad-gateway\","
                    + "\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"the inventory service could not be called\"}").build();
        }
    }
}
