// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import io.capaee.api.json.Jsonp;
import io.capaee.api.rpc.HttpRpcTransport;
import io.capaee.api.rpc.InvalidMessageException;
import io.capaee.api.rpc.RemoteException;
import io.capaee.api.rpc.RpcCallException;
import io.capaee.api.rpc.RpcService;
import io.capaee.api.rpc.RpcTimeoutException;
import io.capaee.api.rpc.UnknownMethodException;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.dapr.DaprExceptionMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Schema-first RPC over HTTP: {@code POST /v1.0-alpha1/rpc/{service}/{method}}, parameters and
 * results in cara's msgpack; failures are problem+json with {@code errorCode}
 * {@code ERR_RPC_UNKNOWN_METHOD} (404), {@code ERR_RPC_INVALID_MESSAGE} (400),
 * {@code ERR_RPC_REMOTE} (500, header {@code Capa-Rpc-Remote-Type}) or {@code ERR_RPC_TIMEOUT} (504).
 */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/rpc")
@ApplicationScoped
public class RpcResource {
    private static final Logger LOG = Logger.getLogger(RpcResource.class.getName());

    @Inject
    RpcServices services;

    @Inject
    RpcConfig config;

    @Inject
    Traces traces;

    @POST
    @Path("{service}/{method}")
    @Produces(HttpRpcTransport.MEDIA_TYPE)
    public Response call(@PathParam("service") String service, @PathParam("method") String method, byte[] body) {
        CaraCodec codec = config.strict() ? CaraCodec.strict() : CaraCodec.lenient();
        try (TraceSpan span = RpcTraces.call(traces, "http", service, method)) {
            try {
                byte[] results = services.server().invoke(service, method, body == null ? new byte[0] : body, codec);
                return Response.ok(results, HttpRpcTransport.MEDIA_TYPE).build();
            } catch (RpcCallException e) {
                span.failed(e);
                return failure(e);
            }
        }
    }

    static Response failure(RpcCallException e) {
        int status;
        if (e instanceof UnknownMethodException) {
            status = 404;
        } else if (e instanceof InvalidMessageException) {
            status = 400;
        } else if (e instanceof RpcTimeoutException) {
            status = 504;
        } else if (e instanceof RemoteException) {
            status = 500;
        } else {
            status = 502;
        }
        if (status == 500) {
            LOG.log(Level.FINE, "RPC implementation failed", e);
        }
        Response r = DaprExceptionMapper.response(status, e.errorCode(), e.getMessage());
        if (e instanceof RemoteException remote) {
            return Response.fromResponse(r).header(HttpRpcTransport.REMOTE_TYPE_HEADER, remote.remoteType())
                    .entity(DaprExceptionMapper.response(status, e.errorCode(), remote.remoteMessage()).getEntity())
                    .build();
        }
        return r;
    }

    /** The services, their interfaces and methods, as JSON (the same as {@code capa.Gateway.services}). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (RpcService s : services.services()) {
            out.add(described(s).add("interfaceId", "0x" + Long.toHexString(s.iface().id())));
        }
        return Jsonp.createObjectBuilder().add("services", out).build().toString();
    }

    /** A service's name, interface, methods (its ancestors' too) and schema file, as both listings show it. */
    private static JsonObjectBuilder described(RpcService s) {
        JsonArrayBuilder methods = Jsonp.createArrayBuilder();
        for (InterfaceSchema i : s.iface().withAncestors()) {
            i.methods().forEach(m -> methods.add(m.name()));
        }
        return Jsonp.createObjectBuilder().add("name", s.name()).add("interface", s.iface().qualifiedName())
                .add("methods", methods).add("schemaFile", s.schema().file());
    }

    /**
     * {@code GET /v1.0-alpha1/rpc/services}, for the console (viewer level): each service with its methods and
     * the text of its schema file (the interface is the whole contract, so it is no secret of an application).
     */
    @GET
    @Path("services")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAccess(Access.VIEWER)
    public String servicesWithSchemas() {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (RpcService s : services.services()) {
            out.add(described(s).add("schema", s.schema().sources().getOrDefault(s.schema().file(), "")));
        }
        return Jsonp.createObjectBuilder().add("services", out).build().toString();
    }
}
