// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metadata;

import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.ServerAnnouncement;
import io.capaee.api.security.Access;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.CurrentPolicy;
import io.capaee.api.security.RequiresAccess;
import io.capaee.api.security.ServletCallers;
import io.capaee.proxy.actors.ActorsResource;
import io.capaee.proxy.actors.DaprActors;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.MetadataContributor;
import io.capaee.proxy.component.SubscriptionInfo;
import jakarta.annotation.Resource;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /v1.0-alpha1/overview}: what the operator's console shows of this server, at the viewer level
 * (Dapr's {@code /v1.0/metadata} carries the same components but is an application's API). The server's id,
 * version and start time; the servers that share its route table (each announces itself with its worker's
 * heartbeat, {@link ServerAnnouncement}: only this one unless the key/value store is shared); every component
 * by name and type (secret stores by name only, never a secret); the pub/sub subscriptions; each hosted actor
 * type with its counters; and the actor group's members when actor placement is partitioned. Read-only; the console's actions go through the admin APIs, and
 * {@code caller} ({@code admin} or {@code viewer}) only tells the console whether to offer them: the admin
 * APIs check every action themselves.
 */
@RequiresAccess(Access.VIEWER)
@Path("/v1.0-alpha1/overview")
public class OverviewResource {
    private static final Logger LOG = Logger.getLogger(OverviewResource.class.getName());

    @Inject
    @ConfigProperty(name = "capa.app.id")
    String appId;

    @Inject
    @ConfigProperty(name = "capa.server.id")
    Optional<String> serverId; // empty (the default): <host name>-<http.port>

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    int httpPort;

    @Inject
    @ConfigProperty(name = "capa.worker.local-url")
    String localUrl;

    @Inject
    @ConfigProperty(name = KeyValueRouteTable.KEY_PROPERTY)
    String routesKey;

    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Inject
    Instance<MetadataContributor> contributors;

    @Inject
    DaprActors actors;

    @Context
    HttpServletRequest request;

    private final CurrentPolicy policy = new CurrentPolicy();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String overview() {
        MetadataSnapshot snapshot = MetadataSnapshot.of(contributors);
        JsonArrayBuilder components = Jsonp.createArrayBuilder();
        for (ComponentInfo c : snapshot.components()) {
            components.add(Jsonp.createObjectBuilder().add("name", c.name()).add("type", c.type())
                    .add("capabilities", Jsonp.createArrayBuilder(c.capabilities())));
        }
        JsonArrayBuilder subscriptions = Jsonp.createArrayBuilder();
        for (SubscriptionInfo s : snapshot.subscriptions()) {
            JsonObjectBuilder sub = Jsonp.createObjectBuilder().add("pubsubname", s.pubsubname()).add("topic", s.topic())
                    .add("path", s.path()).add("type", s.type());
            if (s.deadLetterTopic() != null) {
                sub.add("deadLetterTopic", s.deadLetterTopic());
            }
            subscriptions.add(sub);
        }
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("caller", mayAct() ? "admin" : "viewer")
                .add("serverId", ServerAnnouncement.serverId(serverId.orElse(""), httpPort))
                .add("appId", appId)
                .add("version", MetadataSnapshot.RUNTIME_VERSION)
                .add("startedAt", Instant.ofEpochMilli(started).toString())
                .add("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .add("servers", servers())
                .add("components", components)
                .add("subscriptions", subscriptions)
                .add("actors", actorTypes(actors.status()));
        List<ActorGroupMember> group = actors.members();
        body.add("actorGroup", group.isEmpty() ? Jsonp.createArrayBuilder() : ActorsResource.members(group));
        return body.build().toString();
    }

    private static JsonArrayBuilder actorTypes(List<ActorTypeStatus> status) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (ActorTypeStatus s : status) {
            list.add(Jsonp.createObjectBuilder().add("type", s.type()).add("kind", s.kind()).add("active", s.active())
                    .add("activations", s.activations()).add("deactivations", s.deactivations()).add("calls", s.calls())
                    .add("errors", s.errors()).add("callMillisTotal", s.callMillisTotal())
                    .add("queued", s.queued()).add("reminders", s.reminders()));
        }
        return list;
    }

    private boolean mayAct() {
        return policy.get().check(ServletCallers.of(request), Access.ADMIN) == AccessPolicy.Verdict.ALLOWED;
    }

    /** Every announced server, this one first; this one alone when the store cannot be read. */
    private JsonArrayBuilder servers() {
        String self = ServerAnnouncement.origin(localUrl);
        List<ServerAnnouncement> all = new ArrayList<>();
        try (KeyValueConnection kv = keyValue.getConnection()) {
            for (String key : kv.keys(ServerAnnouncement.pattern(routesKey))) {
                kv.get(key).flatMap(ServerAnnouncement::parse).ifPresent(all::add);
            }
        } catch (KeyValueException e) {
            LOG.log(Level.WARNING, "overview: cannot read the servers' announcements: " + e, e);
        }
        if (all.stream().noneMatch(a -> a.url().equals(self))) {
            all.add(new ServerAnnouncement(ServerAnnouncement.serverId(serverId.orElse(""), httpPort), self, ServerAnnouncement.VERSION, 0));
        }
        all.sort(Comparator.comparing((ServerAnnouncement a) -> !a.url().equals(self)).thenComparing(ServerAnnouncement::url));
        long now = System.currentTimeMillis();
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (ServerAnnouncement a : all) {
            boolean isSelf = a.url().equals(self);
            JsonObjectBuilder o = Jsonp.createObjectBuilder().add("id", a.id()).add("url", a.url()).add("version", a.version())
                    .add("self", isSelf).add("alive", isSelf || a.aliveUntilMillis() >= now);
            if (a.aliveUntilMillis() > 0) {
                o.add("aliveUntil", Instant.ofEpochMilli(a.aliveUntilMillis()).toString());
            }
            list.add(o);
        }
        return list;
    }
}
