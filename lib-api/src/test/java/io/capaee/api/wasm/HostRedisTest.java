// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.api.wasm.capsule.GuestError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** hostRedisSet / hostRedisGet / hostRedisKeys (spec 2.8) against the real Redis on 127.0.0.1:6379. */
class HostRedisTest {
    private TestHost host;
    private JedisKeyValue kv;
    private String p;

    @BeforeEach
    void start() {
        host = new TestHost();
        kv = new JedisKeyValue();
        p = kv.prefix();
    }

    @AfterEach
    void stop() {
        host.close();
        kv.close();
    }

    private WasmFunction hostcalls(EngineKind kind) {
        return host.load(kind, host.services(Optional.of(kv), Optional.empty()), "hostcalls", FunctionSettings.defaults());
    }

    @OnBothEngines
    void setStoresTheValueAndAcknowledgesItCapsuleStyle(EngineKind kind) {
        CliResult result = hostcalls(kind).callCli(List.of("redis-set", p + "k", "v \uD83C\uDF3F"));

        assertEquals("[OK](" + p + "k:v \uD83C\uDF3F)", result.raw());
        assertEquals("v \uD83C\uDF3F", kv.redis().get(p + "k"));
        assertEquals(-1, kv.redis().ttl(p + "k"), "no expiry");
    }

    @OnBothEngines
    void getAnswersTheStoredValue(EngineKind kind) {
        kv.redis().set(p + "greeting", "hello");

        assertEquals("hello", hostcalls(kind).callCli(List.of("redis-get", p + "greeting")).raw());
    }

    @OnBothEngines
    void getOfAMissingKeyIsTheErrorRedisNil(EngineKind kind) {
        CliResult result = hostcalls(kind).callCli(List.of("redis-get", p + "missing"));

        assertEquals(Optional.of(GuestError.of("redis: nil")), result.error());
    }

    @OnBothEngines
    void anEmptyStoredValueReachesTheGuestWithoutATrap(EngineKind kind) {
        kv.redis().set(p + "blank", "");

        CliResult result = hostcalls(kind).callCli(List.of("redis-get", p + "blank"));

        assertEquals("empty", result.raw()); // "" from the host; the guest SDK returns it as "empty"
        assertFalse(result.error().isPresent());
    }

    @OnBothEngines
    void keysAnswersTheMatchingKeys(EngineKind kind) {
        WasmFunction function = hostcalls(kind);
        function.callCli(List.of("redis-set", p + "b", "2"));
        function.callCli(List.of("redis-set", p + "a", "1"));
        kv.redis().set(p + "other", "x");

        CliResult result = function.callCli(List.of("redis-keys", p + "?"));

        assertEquals(p + "a," + p + "b", result.raw());
    }

    @OnBothEngines
    void keysWithoutAMatchIsAnEmptyListNotATrap(EngineKind kind) {
        CliResult result = hostcalls(kind).callCli(List.of("redis-keys", p + "nomatch*"));

        assertEquals("empty", result.raw()); // zero keys: "" from the host (Capsule trapped, spec B1)
        assertFalse(result.error().isPresent());
    }

    @OnBothEngines
    void everyCallClosesItsConnection(EngineKind kind) {
        WasmFunction function = hostcalls(kind);

        function.callCli(List.of("redis-set", p + "k", "v"));
        function.callCli(List.of("redis-get", p + "k"));
        function.callCli(List.of("redis-keys", p + "*"));
        function.callCli(List.of("redis-get", p + "missing"));

        assertEquals(4, kv.closedConnections());
    }

    @OnBothEngines
    void anUnreachableStoreIsAnErrorAsData(EngineKind kind) {
        KeyValueConnectionFactory down = () -> {
            throw new KeyValueException("redis at 127.0.0.1:1: Connection refused");
        };
        WasmFunction function = host.load(kind, host.services(Optional.of(down), Optional.empty()), "hostcalls", FunctionSettings.defaults());

        for (List<String> call : List.of(List.of("redis-set", "k", "v"), List.of("redis-get", "k"), List.of("redis-keys", "*"))) {
            assertEquals(Optional.of(GuestError.of("redis at 127.0.0.1:1: Connection refused")), function.callCli(call).error(), call.toString());
        }
    }

    @OnBothEngines
    void aFailingCommandIsAnErrorAsDataAndTheConnectionIsStillClosed(EngineKind kind) {
        int[] closed = {0};
        KeyValueConnectionFactory failing = () -> new KeyValueConnection() {
            @Override
            public Optional<String> get(String key) {
                throw new KeyValueException("WRONGTYPE Operation against a key holding the wrong kind of value");
            }

            @Override
            public void set(String key, String value) {
                throw new KeyValueException("READONLY You can't write against a read only replica.");
            }

            @Override
            public List<String> keys(String pattern) {
                throw new KeyValueException("NOPERM this user has no permissions to run the 'keys' command");
            }

            @Override
            public boolean delete(String key) {
                throw new KeyValueException("READONLY You can't write against a read only replica.");
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                throw new KeyValueException("READONLY You can't write against a read only replica.");
            }

            @Override
            public void close() {
                closed[0]++;
            }
        };
        WasmFunction function = host.load(kind, host.services(Optional.of(failing), Optional.empty()), "hostcalls", FunctionSettings.defaults());

        assertTrue(function.callCli(List.of("redis-get", "k")).error().orElseThrow().message().startsWith("WRONGTYPE"));
        assertTrue(function.callCli(List.of("redis-set", "k", "v")).error().orElseThrow().message().startsWith("READONLY"));
        assertTrue(function.callCli(List.of("redis-keys", "*")).error().orElseThrow().message().startsWith("NOPERM"));
        assertEquals(3, closed[0]);
    }
}
