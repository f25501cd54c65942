// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Actors;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A WebAssembly actor type: the {@code hostcalls} test guest as {@code wasm-kv}
 * ({@code capa.actors.wasm}); its hostRedisGet/Set reach its own actor's state in Redis.
 */
@ResourceLock(SharedResources.ACTORS)
class WasmActorsIT {
    private final String id = "wasm-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    static void clean() {
        Actors.cleanRedis();
    }

    @Test
    void aWasmActorKeepsItsStateThroughHostFunctions() throws Exception {
        HttpResponse<String> set = Actors.post("wasm-kv/" + id + "/method/redis-set", "[\"colour\",\"green\"]");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("green", Actors.post("wasm-kv/" + id + "/method/redis-get", "[\"colour\"]").body());
        assertEquals("\"green\"", Actors.state("wasm-kv", id, "colour"));
        HttpResponse<String> other = Actors.post("wasm-kv/" + id + "-other/method/redis-get", "[\"colour\"]");
        assertEquals(500, other.statusCode());
        assertTrue(other.body().contains("redis: nil"), "another actor does not see this one's state: " + other.body());
    }

    @Test
    void aTrapIsAnActorError() throws Exception {
        HttpResponse<String> trap = Actors.post("wasm-kv/" + id + "/method/trap", "");
        assertEquals(500, trap.statusCode());
        assertTrue(trap.body().contains("ERR_ACTOR_INVOKE_METHOD"), trap.body());
        assertTrue(Actors.send(Server.request("/v1.0/actors")).body().contains("\"wasm-kv\":{\"kind\":\"wasm\""));
    }
}
