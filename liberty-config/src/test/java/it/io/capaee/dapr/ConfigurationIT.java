// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.io.capaee.support.AppPort;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;

/**
 * Dapr's configuration API: the Redis store {@code configstore} (changes pushed by keyspace
 * notifications to this test, which plays the app at {@code capa.app.url}) and the MicroProfile
 * Config store {@code mpconfig}.
 */
@ResourceLock(SharedResources.APP_PORT)
@ResourceLock(SharedResources.CONFIGURATION_SUBSCRIPTIONS)
class ConfigurationIT {
    private static final String PREFIX = "capa:config:"; // capa.configuration.key-prefix's default
    private final String key = Dapr.unique("cfgit");
    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    private final LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
    private HttpServer app;

    @BeforeEach
    void startApp() throws Exception {
        app = AppPort.server();
        app.createContext("/configuration/", x -> {
            try (InputStream in = x.getRequestBody()) {
                notifications.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        app.start();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
        redis.del(PREFIX + key);
        redis.close();
    }

    @Test
    void getAnswersRedisItemsInDaprsShape() throws Exception {
        redis.set(PREFIX + key, "hello||7");
        HttpResponse<String> r = Server.get("/v1.0/configuration/configstore?key=" + key + "&key=" + key + "-missing");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Dapr.json("{\"" + key + "\":{\"value\":\"hello\",\"version\":\"7\",\"metadata\":{}}}"), Dapr.json(r.body()));
        assertEquals(Dapr.json(r.body()), Dapr.json(Server.get("/v1.0-alpha1/configuration/configstore?key=" + key).body()));
    }

    @Test
    void aListingWithoutKeysStaysUnderTheStoresKeyPrefix() throws Exception {
        String outside = Dapr.unique("cfgit-outside");
        redis.set(outside, "not configuration");
        redis.set(PREFIX + key, "inside||1");
        try {
            HttpResponse<String> r = Server.get("/v1.0/configuration/configstore");
            assertEquals(200, r.statusCode(), r.body());
            JsonObject items = Dapr.json(r.body()).asJsonObject();
            assertTrue(items.containsKey(key), r.body());
            assertTrue(items.keySet().stream().noneMatch(k -> k.contains(outside)), r.body());
        } finally {
            redis.del(outside);
        }
    }

    @Test
    void aSubscribedAppIsToldOfEveryChangeUntilItUnsubscribes() throws Exception {
        HttpResponse<String> r = Server.get("/v1.0/configuration/configstore/subscribe?key=" + key);
        assertEquals(200, r.statusCode(), r.body());
        String id = Dapr.json(r.body()).asJsonObject().getString("id");

        // the property is that each change is told, in order, and nothing after the unsubscribe; how fast
        // is printed for information (a generous deadline here: speed belongs in bench/)
        redis.set(PREFIX + key, "on||1");
        String first = notifications.poll(30, TimeUnit.SECONDS);
        assertTrue(first != null, "no notification of the first change");
        assertEquals("1", Dapr.json(first.substring(first.indexOf('{'))).asJsonObject().getJsonObject("items")
                .getJsonObject(key).getString("version"), first);
        long start = System.nanoTime();
        redis.set(PREFIX + key, "on||2");
        String seen = notifications.poll(30, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(seen != null, "no notification of the second change within 30 s");
        assertTrue(seen.startsWith("POST /configuration/configstore/" + key + " "), seen);
        JsonObject body = Dapr.json(seen.substring(seen.indexOf('{'))).asJsonObject();
        assertEquals(id, body.getString("id"));
        assertEquals("on", body.getJsonObject("items").getJsonObject(key).getString("value"));
        assertEquals("2", body.getJsonObject("items").getJsonObject(key).getString("version"));
        System.out.println("configuration change seen by the app after " + millis + " ms");

        HttpResponse<String> off = Server.get("/v1.0/configuration/configstore/" + id + "/unsubscribe");
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(Dapr.json("{\"ok\":true}"), Dapr.json(off.body()));
        redis.set(PREFIX + key, "after||3");
        // several times the time a change took to arrive above
        assertNull(notifications.poll(Math.max(2000, 4 * millis), TimeUnit.MILLISECONDS), "told after the unsubscribe");

        HttpResponse<String> again = Server.get("/v1.0/configuration/configstore/" + id + "/unsubscribe");
        assertEquals(500, again.statusCode(), again.body());
        assertEquals(false, Dapr.json(again.body()).asJsonObject().getBoolean("ok"));
    }

    @Test
    void theMicroProfileConfigStoreAnswersPropertiesUnderItsPrefix() throws Exception {
        HttpResponse<String> r = Server.get("/v1.0/configuration/mpconfig?key=it-greeting");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("hello from mp config", Dapr.json(r.body()).asJsonObject().getJsonObject("it-greeting").getString("value"));
    }

    @Test
    void anUnknownStoreIsNotFound() throws Exception {
        assertError(Server.get("/v1.0/configuration/nope?key=a"), 400, "ERR_CONFIGURATION_STORE_NOT_FOUND");
        assertError(Server.get("/v1.0/configuration/nope/subscribe?key=a"), 400, "ERR_CONFIGURATION_STORE_NOT_FOUND");
    }
}
