// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ComponentDefinition;
import io.capaee.api.connect.ConnectRuntime;
import io.capaee.api.connect.ConnectorException;
import io.capaee.api.connect.ConnectorManager;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.connect.InvalidConnectorException;
import io.capaee.api.desired.DesiredStateException;
import io.capaee.api.desired.Reconciler;
import io.capaee.api.http.Problem;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.naming.NamingException;

/**
 * {@code /v1.0-alpha1/connectors}: deploy a Connect v1 connector ({@code POST}, YAML or base64
 * YAML body; {@code ?id=} names it, else the document's {@code connector_id}; {@code ?start=false}
 * deploys it stopped), list them, read one's status with its message counts and last error,
 * start, stop, delete. An invalid document is refused with 400 and a problem naming the field
 * ({@code field} member), before anything starts. Changes are stored in the desired state before
 * they answer ({@link DesiredConnectors}); a stored connector that failed to deploy is listed with
 * state {@code failed} ({@link ConnectorJson}). {@code GET /runtime} describes the runtime
 * (runtime.yml, every source and sink definition), {@code GET /runtime/<file>} serves one file.
 */
@Path("/v1.0-alpha1/connectors")
@ApplicationScoped
public class ConnectorsResource {
    private static final String YAML = "application/yaml";
    private static final JsonProvider JSON = Jsonp.provider();

    private final ConnectRuntime runtime = ConnectRuntime.load();
    private final ConnectorParser parser = new ConnectorParser(runtime);

    @Inject
    ConnectorManagerLookup lookup;

    @Inject
    ConnectorReconciliation reconciliation;

    @RequiresAccess(Access.ADMIN)
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deploy(String body, @QueryParam("id") String id, @QueryParam("start") @DefaultValue("true") boolean start) {
        ConnectorSpec spec;
        try {
            spec = parser.parse(body, id == null || id.isBlank() ? null : id.strip());
            if (spec.id().equals("runtime")) {
                throw new InvalidConnectorException("connector_id", "'runtime' is reserved (GET /v1.0-alpha1/connectors/runtime)");
            }
        } catch (InvalidConnectorException e) {
            JsonObject problem = JSON.createObjectBuilder()
                    .add("type", "urn:capa-ee:problem:connector-invalid")
                    .add("title", "Bad Request")
                    .add("status", 400)
                    .add("detail", e.getMessage())
                    .add("field", e.field())
                    .build();
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem.toString()).build();
        }
        return change(d -> {
            ConnectorStatus status = d.deploy(spec, start);
            return Response.created(URI.create("/v1.0-alpha1/connectors/" + status.id())).entity(ConnectorJson.status(status).toString()).build();
        });
    }

    @RequiresAccess(Access.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return call(m -> {
            JsonArrayBuilder all = JSON.createArrayBuilder();
            Set<String> deployed = new HashSet<>();
            for (ConnectorStatus s : m.list()) {
                all.add(ConnectorJson.status(s));
                deployed.add(s.id());
            }
            failures().values().stream().filter(f -> !deployed.contains(f.id())).forEach(f -> all.add(ConnectorJson.failed(f)));
            return Response.ok(all.build().toString()).build();
        });
    }

    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("runtime")
    @Produces(MediaType.APPLICATION_JSON)
    public Response describe() {
        JsonArrayBuilder sources = JSON.createArrayBuilder();
        runtime.sources().stream().map(ComponentDefinition::yaml).forEach(y -> sources.add(JSON.createObjectBuilder(y)));
        JsonArrayBuilder sinks = JSON.createArrayBuilder();
        runtime.sinks().stream().map(ComponentDefinition::yaml).forEach(y -> sinks.add(JSON.createObjectBuilder(y)));
        Map<String, Object> runtimeYaml = new LinkedHashMap<>(runtime.runtime());
        return Response.ok(JSON.createObjectBuilder().add("runtime", JSON.createObjectBuilder(runtimeYaml))
                .add("sources", sources).add("sinks", sinks).build().toString()).build();
    }

    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("runtime/{file: .+}")
    @Produces(YAML)
    public Response file(@PathParam("file") String file) {
        return ConnectRuntime.file(file).map(text -> Response.ok(text, YAML).build())
                .orElseGet(() -> Problem.response(404, "connector-runtime-file", "Not Found",
                        "no runtime file " + file + " (runtime.yml, sources/<name>.yml, sinks/<name>.yml)"));
    }

    @RequiresAccess(Access.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("id") String id) {
        return call(m -> m.status(id).map(ConnectorJson::status)
                .or(() -> Optional.ofNullable(failures().get(id)).map(ConnectorJson::failed))
                .map(json -> Response.ok(json.toString()).build()).orElseGet(() -> notFound(id)));
    }

    @RequiresAccess(Access.ADMIN)
    @POST
    @Path("{id}/start")
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("id") String id) {
        return change(d -> Response.ok(ConnectorJson.status(d.start(id)).toString()).build());
    }

    @RequiresAccess(Access.ADMIN)
    @POST
    @Path("{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stop(@PathParam("id") String id) {
        return change(d -> Response.ok(ConnectorJson.status(d.stop(id)).toString()).build());
    }

    @RequiresAccess(Access.ADMIN)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return change(d -> d.delete(id) ? Response.noContent().build() : notFound(id));
    }

    private Response call(Function<ConnectorManager, Response> action) {
        ConnectorManager manager;
        try {
            manager = lookup.manager();
        } catch (NamingException | ClassCastException e) {
            return Problem.response(503, "connectors-unavailable", "Service Unavailable",
                    "no connector manager at " + ConnectorManagerLookup.JNDI_NAME + ": " + e.getMessage());
        }
        try {
            return action.apply(manager);
        } catch (ConnectorException e) {
            return switch (e.reason()) {
                case NOT_FOUND -> Problem.response(404, "connector-not-found", "Not Found", e.getMessage());
                case CONFLICT -> Problem.response(409, "connector-exists", "Conflict", e.getMessage());
                case UNAVAILABLE -> Problem.response(503, "connectors-unavailable", "Service Unavailable", e.getMessage());
            };
        }
    }

    /** A change, stored in the desired state before it answers: 503 naming the store when it cannot be written. */
    private Response change(Function<DesiredConnectors, Response> action) {
        return call(m -> reconciliation.connectors().map(d -> {
            try {
                return action.apply(d);
            } catch (DesiredStateException e) {
                return Problem.response(503, "desired-state-unavailable", "Service Unavailable",
                        "nothing changed: the desired state (" + d.where() + ") could not be written: " + e.getMessage());
            }
        }).orElseGet(() -> Problem.response(503, "connectors-unavailable", "Service Unavailable",
                "the connectors' desired state is not loaded yet")));
    }

    private Map<String, Reconciler.Failure> failures() {
        return reconciliation.connectors().map(DesiredConnectors::failures).orElse(Map.of());
    }

    private static Response notFound(String id) {
        return Problem.response(404, "connector-not-found", "Not Found", "no connector " + id);
    }
}
