// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static it.io.capaee.support.Dapr.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The proxyless mode: application code in the EAR (war-sample's OrdersResource, which injects the
 * state store with {@code @Inject @CapaComponent("statestore")} and the lock store with
 * {@code @Resource}) works on the same components as Dapr clients of the sidecar API.
 */
class ProxylessIT {
    private final String id = Dapr.unique("proxyless");

    @AfterEach
    void cleanUp() {
        Dapr.deleteRedisKeys("order-" + id);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.del(Dapr.appId() + "||lock||order-" + id);
        }
    }

    private HttpResponse<String> putOrder(String json) throws Exception {
        return Server.send(Server.request("/sample/orders/" + id).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json)));
    }

    @Test
    void whatTheAppSavesTheSidecarApiReadsAndTheOtherWayRound() throws Exception {
        assertEquals(204, putOrder("{\"item\":\"tea\",\"qty\":2}").statusCode());
        HttpResponse<String> viaDapr = Server.get("/v1.0/state/statestore/order-" + id);
        assertEquals(200, viaDapr.statusCode(), viaDapr.body());
        assertEquals(Dapr.json("{\"item\":\"tea\",\"qty\":2}"), Dapr.json(viaDapr.body()));
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            assertEquals(Dapr.json("{\"item\":\"tea\",\"qty\":2}"), Dapr.json(redis.hget(Dapr.appId() + "||order-" + id, "data")));
        }

        post("/v1.0/state/statestore", "[{\"key\":\"order-" + id + "\",\"value\":{\"item\":\"coffee\",\"qty\":1}}]");
        HttpResponse<String> viaApp = Server.get("/sample/orders/" + id);
        assertEquals(200, viaApp.statusCode(), viaApp.body());
        assertEquals(Dapr.json("{\"item\":\"coffee\",\"qty\":1}"), Dapr.json(viaApp.body()));
        // versions come from one counter per store, which the classes running beside this one move too: the app
        // reads a later version than the one the sidecar API read, not necessarily the next number
        long before = viaDapr.headers().firstValue("ETag").map(Long::parseLong).orElseThrow();
        long after = Long.parseLong(viaApp.headers().firstValue("ETag").orElseThrow());
        assertTrue(after > before, "a write in between: " + before + " then " + after);
    }

    @Test
    void theAppRespectsALockTakenThroughTheSidecarApi() throws Exception {
        String lock = "{\"resourceId\":\"order-" + id + "\",\"lockOwner\":\"someone-else\",\"expiryInSeconds\":30}";
        assertEquals("{\"success\":true}", post("/v1.0-alpha1/lock/lockstore", lock).body());
        assertEquals(409, putOrder("{\"item\":\"tea\"}").statusCode());
        assertEquals(404, Server.get("/sample/orders/" + id).statusCode());
        post("/v1.0-alpha1/unlock/lockstore", "{\"resourceId\":\"order-" + id + "\",\"lockOwner\":\"someone-else\"}");
        assertEquals(204, putOrder("{\"item\":\"tea\"}").statusCode());
    }
}
