// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.traffic.TrafficRule;
import io.capaee.api.traffic.TrafficRules;
import io.capaee.api.traffic.TrafficRulesDocument;
import io.capaee.api.traffic.TrafficView;
import io.capaee.proxy.service.Traffic;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The traffic rules' admin API and the JSON view of traffic. Rules are read (viewer) and changed
 * (admin) as the route registration API's are; a change is stored at once and applies, on every
 * server sharing the store, within {@code capa.proxy.routes-refresh}. Bodies are JSON or YAML in
 * the rules file's form ({@link TrafficRulesDocument}); a bad one is a 400 problem naming the field.
 */
@Path("/v1.0-alpha1/traffic")
@RequestScoped
@Consumes(MediaType.WILDCARD)
public class TrafficResource {
    @Inject
    Traffic traffic;

    @GET
    @Path("rules")
    @RequiresAccess(Access.VIEWER)
    public Response rules() {
        return json(200, TrafficRulesDocument.write(traffic.rules().fresh()));
    }

    @GET
    @Path("rules/{name}")
    @RequiresAccess(Access.VIEWER)
    public Response rule(@PathParam("name") String name) {
        return traffic.rules().fresh().rule(name).map(r -> json(200, TrafficRulesDocument.write(r)))
                .orElseThrow(() -> new io.capaee.api.traffic.TrafficException(io.capaee.api.traffic.TrafficException.Reason.NOT_FOUND,
                        "there is no traffic rule " + name));
    }

    /** Replaces the whole rule set. */
    @PUT
    @Path("rules")
    @RequiresAccess(Access.ADMIN)
    public Response replace(String body) {
        TrafficRules rules = TrafficRulesDocument.parse(body);
        return json(200, TrafficRulesDocument.write(traffic.rules().update(old -> rules)));
    }

    /** Creates or replaces one rule (a new one goes last: first match wins). */
    @PUT
    @Path("rules/{name}")
    @RequiresAccess(Access.ADMIN)
    public Response put(@PathParam("name") String name, String body) {
        TrafficRule rule = TrafficRulesDocument.parseRule(body, name);
        traffic.rules().update(rules -> rules.with(rule));
        return json(200, TrafficRulesDocument.write(rule));
    }

    @DELETE
    @Path("rules/{name}")
    @RequiresAccess(Access.ADMIN)
    public Response delete(@PathParam("name") String name) {
        traffic.rules().update(rules -> rules.without(name));
        return Response.noContent().build();
    }

    /** Per rule and upstream: weights and shares in force, breaker, requests, errors, rate, latency percentiles. */
    @GET
    @Path("stats")
    @RequiresAccess(Access.VIEWER)
    public Response stats() {
        return json(200, TrafficView.json(traffic.router(), traffic.stats()));
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
