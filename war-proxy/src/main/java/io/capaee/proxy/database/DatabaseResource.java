// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.database;

import io.capaee.api.CapaException;
import io.capaee.api.database.Database;
import io.capaee.api.database.DatabaseException;
import io.capaee.api.database.DatabaseJson;
import io.capaee.api.database.DatabaseRequest;
import io.capaee.api.database.SqlStatement;
import io.capaee.api.database.StatementResult;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.dapr.DaprException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The database API (cloud-runtimes' {@code DatabaseService}, alpha): {@code POST
 * /v1.0-alpha1/database/{name}/{query|exec|transaction|close}} with {@code {"sql", "params"}} (or
 * {@code {"statements": [...]}}), and {@code POST /v1.0-alpha1/database/{name}} with Dapr's binding
 * request {@code {"operation", "metadata": {"sql", "params"}}}. Errors are problem details with
 * Dapr's {@code errorCode}: an unknown database 404, a malformed request or a statement the database
 * refuses 400 (with the database's message and SQLSTATE), too many rows 400, a deadlock or
 * serialization failure 409, the time limit 504, a database that cannot be reached 503.
 *
 * <p>{@code close} answers 204 and closes nothing: the pool is Liberty's, shared by every caller, and
 * server.xml owns its life.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0-alpha1/database")
public class DatabaseResource {
    private static final Logger LOG = Logger.getLogger(DatabaseResource.class.getName());

    @Inject
    DatabaseDirectory databases;

    @POST
    @Path("{name}")
    public Response binding(@PathParam("name") String name, String body) {
        return run(name, null, body);
    }

    @POST
    @Path("{name}/{operation}")
    public Response operation(@PathParam("name") String name, @PathParam("operation") String operation, String body) {
        return run(name, operation, body);
    }

    private Response run(String name, String operation, String body) {
        Optional<Database> found;
        try {
            found = databases.find(name);
        } catch (CapaException e) {
            // declared, but Liberty cannot make its data source (a driver class or library that is not there)
            LOG.log(Level.WARNING, "database {0} cannot be used: {1}", new Object[] {name, e.getMessage()});
            throw new DaprException(503, "ERR_DATABASE_UNAVAILABLE", "database " + name
                    + " is declared but its data source cannot be made; the server log has the detail");
        }
        Database database = found.orElseThrow(() -> new DaprException(404, "ERR_DATABASE_NOT_FOUND",
                "no database named " + name + " (a <dataSource jndiName=\"jdbc/capa/" + name + "\"> in server.xml)"));
        DatabaseRequest request;
        try {
            request = DatabaseRequest.parse(operation, body);
        } catch (DatabaseException e) {
            throw DatabaseErrors.toDapr(name, e, 0);
        }
        if (request.operation() == DatabaseRequest.Operation.CLOSE) {
            return Response.noContent().build();
        }
        Instant start = Instant.now();
        List<StatementResult> results;
        try {
            results = switch (request.operation()) {
                case QUERY -> List.of(database.query(first(request).sql(), first(request).params()));
                case EXEC -> List.of(database.exec(first(request).sql(), first(request).params()));
                default -> database.transaction(request.statements());
            };
        } catch (DatabaseException e) {
            if (DatabaseErrors.serverSide(e)) {
                LOG.log(Level.WARNING, "database {0}: {1} {2}", new Object[] {name, e.reason(), e.getMessage()});
            }
            throw DatabaseErrors.toDapr(name, e, request.statements().size());
        }
        Instant end = Instant.now();
        return Response.ok(DatabaseJson.answer(request, results, start, end).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static SqlStatement first(DatabaseRequest request) {
        return request.statements().get(0);
    }
}
