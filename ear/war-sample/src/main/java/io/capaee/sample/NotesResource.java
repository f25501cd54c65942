// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import io.capaee.api.database.Database;
import io.capaee.api.database.QueryResult;
import io.capaee.api.inject.CapaComponent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * Notes kept in the table {@code sample_notes} of the database {@code pg} (a {@code <dataSource>}
 * {@code jdbc/capa/pg}), through the injected {@link Database}: the Java side of the database API.
 * The table is created on first use; a note's text is a bound parameter, never part of the SQL.
 */
@Path("/notes/{id}")
@RequestScoped
public class NotesResource {
    private static final int MAX_NOTE_BYTES = 4096;

    @Inject
    @CapaComponent("pg")
    Database database;

    @PUT
    @Consumes(MediaType.TEXT_PLAIN)
    public Response put(@PathParam("id") String id, InputStream body) {
        String text = BoundedBody.text(body, MAX_NOTE_BYTES);
        database.exec("CREATE TABLE IF NOT EXISTS sample_notes (id VARCHAR(100) PRIMARY KEY, text VARCHAR(4096))", List.of());
        database.exec("INSERT INTO sample_notes (id, text) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text",
                List.of(id, text));
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response get(@PathParam("id") String id) {
        database.exec("CREATE TABLE IF NOT EXISTS sample_notes (id VARCHAR(100) PRIMARY KEY, text VARCHAR(4096))", List.of());
        QueryResult result = database.query("SELECT text FROM sample_notes WHERE id = ?", List.of(id));
        return result.rows().isEmpty() ? Response.status(Response.Status.NOT_FOUND).build()
                : Response.ok(result.rows().get(0).get(0)).build();
    }
}
