// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import it.io.capaee.support.Server;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * hostRedisSet/Get of a function running in the server reach the real Redis on
 * 127.0.0.1:6379 through the resource adapter (the test server sets {@code capa.kv.backend=redis}),
 * inside the function's own key namespace ({@code capa:fn:<function>:}, capa.functions.kv-namespace).
 */
class RedisHostFunctionsIT {
    private static final String KEY_PREFIX = "capa:fn:redis-echo:";
    private final String value = "it-" + UUID.randomUUID();

    @BeforeAll
    static void deploy() throws Exception {
        Server.drop("hello-http", "redis-echo.wasm");
        Server.await("/wasm/functions/redis-echo", r -> r.statusCode() == 200, Duration.ofSeconds(30));
    }

    @AfterAll
    static void remove() throws Exception {
        Server.removeDropped("redis-echo.wasm");
    }

    @AfterEach
    void cleanUp() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.del(KEY_PREFIX + "http:" + value);
        }
    }

    @Test
    void aGuestsRedisSetLandsInRealRedis() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/wasm/functions/redis-echo")
                .header("X-Reply-Mode", "redis").POST(BodyPublishers.ofString(value)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(value, r.body());
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            assertEquals(value, redis.get(KEY_PREFIX + "http:" + value));
            assertFalse(redis.exists("http:" + value), "stored outside the function's namespace");
        }
    }
}
