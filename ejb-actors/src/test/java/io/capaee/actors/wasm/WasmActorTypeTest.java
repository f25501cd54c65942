// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.actors.runtime.ActorSettings;
import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code hostcalls} test guest as an actor type: its hostRedis* calls reach its own actor's state. */
class WasmActorTypeTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, String> data = new ConcurrentHashMap<>();
    private final ActorStateKeyValue state = new ActorStateKeyValue();
    private final WasmEngine engine = new WasmEngine(new HostServices(Optional.of(state), Optional.empty(), "{}", (f, l) -> { },
            HttpClient.newHttpClient()), scheduler, false);
    private final ActorRuntimeCore runtime = new ActorRuntimeCore(ActorSettings.defaults(), new ActorStore(store(), "w:"),
            (at, task) -> () -> { }, Clock.systemUTC(), t -> Optional.empty(), Runnable::run, (at, task) -> () -> { });

    @AfterEach
    void close() {
        engine.close();
        scheduler.shutdownNow();
    }

    private KeyValueConnectionFactory store() {
        return () -> new KeyValueConnection() {
            public Optional<String> get(String key) {
                return Optional.ofNullable(data.get(key));
            }

            public void set(String key, String value) {
                data.put(key, value);
            }

            public boolean delete(String key) {
                return data.remove(key) != null;
            }

            public synchronized boolean compareAndSet(String key, String expected, String value) {
                if (!Objects.equals(data.get(key), expected)) {
                    return false;
                }
                data.put(key, value);
                return true;
            }

            public List<String> keys(String pattern) {
                return List.copyOf(data.keySet());
            }

            public void close() {}
        };
    }

    private String call(ActorId id, String method, String json) {
        return runtime.invoke(id, method, ActorRequest.json(json)).text();
    }

    @Test
    void oneByteJsonBodiesAreArgumentsLikeAnyOther() {
        // JSON-P's stream reader needed two bytes to guess the encoding: "1" was a 400
        assertEquals(List.of("1"), WasmActorType.arguments("1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of("7"), WasmActorType.arguments("7".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of("x", "12"), WasmActorType.arguments("[\"x\",12]".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of(), WasmActorType.arguments(new byte[0]));
        assertThrows(ActorException.class, () -> WasmActorType.arguments("-".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aGuestKeepsItsStateInItsOwnActor() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("../lib-api/src/test/guests/hostcalls.wasm"));
        runtime.register(new WasmActorType("kv", engine.load("kv", wasm, FunctionSettings.defaults().withKeyNamespace(io.capaee.api.wasm.KeyNamespace.ownStore())), state));
        ActorId a = new ActorId("kv", "a");
        ActorId b = new ActorId("kv", "b");
        call(a, "redis-set", "[\"greeting\",\"hello\"]");
        assertEquals("hello", call(a, "redis-get", "[\"greeting\"]"));
        assertEquals(Optional.of("\"hello\""), runtime.getState(a, "greeting"));
        assertEquals("greeting", call(a, "redis-keys", "\"*\""));
        ActorException other = assertThrows(ActorException.class, () -> call(b, "redis-get", "[\"greeting\"]"));
        assertTrue(other.getMessage().contains("redis: nil"), other.getMessage());

        // a trap fails the call and discards what the turn wrote
        assertEquals(ActorException.Reason.METHOD_FAILED, assertThrows(ActorException.class, () -> call(a, "trap", null)).reason());
        assertEquals(ActorException.Reason.BAD_REQUEST, assertThrows(ActorException.class, () -> call(a, "redis-get", "[bad")).reason());
        assertEquals("hello", call(a, "redis-get", "[\"greeting\"]"));
    }
}
