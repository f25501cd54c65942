// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metadata;

import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import io.capaee.proxy.actors.ActorsResource;
import io.capaee.proxy.actors.DaprActors;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.MetadataContributor;
import io.capaee.proxy.component.SubscriptionInfo;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /v1.0/metadata} in Dapr's shape (runtime-api spec 3.11): the app id, the runtime, and
 * the components every {@link MetadataContributor} reports, and in {@code extended} the attributes the
 * application set ({@code PUT /v1.0/metadata/{key}}, {@link MetadataAttributes}). {@code /v1.0/healthz} and
 * {@code /v1.0/healthz/outbound} answer 204 once the application is up (they are only reachable
 * then); {@code ?appid=} other than ours is Dapr's 500 {@code ERR_HEALTH_APPID_NOT_MATCH}.
 */
@RequiresAccess(Access.APP)
@Path("/v1.0")
public class MetadataResource {
    static final String RUNTIME_VERSION = MetadataSnapshot.RUNTIME_VERSION;

    @Inject
    @ConfigProperty(name = "capa.app.id")
    String appId;

    @Inject
    Instance<MetadataContributor> contributors;

    @Inject
    MetadataAttributes attributes;

    @Inject
    DaprActors actors;

    @GET
    @Path("metadata")
    public Response metadata() {
        MetadataSnapshot snapshot = MetadataSnapshot.of(contributors);
        JsonArrayBuilder subscriptions = Jsonp.createArrayBuilder();
        for (SubscriptionInfo s : snapshot.subscriptions()) {
            JsonObjectBuilder sub = Jsonp.createObjectBuilder().add("pubsubname", s.pubsubname()).add("topic", s.topic())
                    .add("metadata", Jsonp.createObjectBuilder())
                    .add("rules", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder().add("match", "").add("path", s.path())))
                    .add("type", s.type());
            if (s.deadLetterTopic() != null) {
                sub.add("deadLetterTopic", s.deadLetterTopic());
            }
            subscriptions.add(sub);
        }
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (ComponentInfo c : snapshot.components()) {
            list.add(Jsonp.createObjectBuilder()
                    .add("name", c.name())
                    .add("type", c.type())
                    .add("version", c.version())
                    .add("capabilities", Jsonp.createArrayBuilder(c.capabilities())));
        }
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("id", appId)
                .add("runtimeVersion", RUNTIME_VERSION)
                .add("enabledFeatures", Jsonp.createArrayBuilder())
                .add("actors", actorTypes())
                .add("components", list)
                .add("subscriptions", subscriptions)
                .add("httpEndpoints", Jsonp.createArrayBuilder())
                .add("extended", Jsonp.createObjectBuilder(Map.<String, Object>copyOf(attributes.extended())));
        List<ActorGroupMember> group = actors.members();
        if (!group.isEmpty()) {
            body.add("actorGroup", ActorsResource.members(group));
        }
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Dapr's {@code actors}: each hosted type and how many of its actors are active on this server. */
    private JsonArrayBuilder actorTypes() {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (ActorTypeStatus s : actors.status()) {
            list.add(Jsonp.createObjectBuilder().add("type", s.type()).add("count", s.active()));
        }
        return list;
    }

    /** Dapr's {@code PUT /v1.0/metadata/{key}}: the body (text) becomes the attribute; 204 (limits: {@link MetadataAttributes}). */
    @PUT
    @Path("metadata/{key}")
    public Response set(@PathParam("key") String key, String value) {
        attributes.set(key, value == null ? "" : value);
        return Response.noContent().build();
    }

    @GET
    @Path("healthz")
    @RequiresAccess(Access.PUBLIC)
    public Response healthz(@QueryParam("appid") String appid) {
        if (appid != null && !appid.isEmpty() && !appid.equals(appId)) {
            throw new io.capaee.proxy.dapr.DaprException(500, "ERR_HEALTH_APPID_NOT_MATCH",
                    "app id " + appid + " does not match this sidecar's (" + appId + ")");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("healthz/outbound")
    @RequiresAccess(Access.PUBLIC)
    public Response outbound() {
        return Response.noContent().build();
    }
}
