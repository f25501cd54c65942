// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.api.wasm.capsule.GuestError;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * hostRedisSet / hostRedisGet / hostRedisKeys (spec 2.8) against the real Redis on 127.0.0.1:6379,
 * each guest confined to its {@link KeyNamespace} (a unique one per test, removed after it).
 */
class HostRedisTest {
    private TestHost host;
    private JedisKeyValue kv;
    private String p;
    private KeyNamespace ns;
    private KeyNamespace other;

    @BeforeEach
    void start() {
        host = new TestHost();
        kv = new JedisKeyValue();
        p = kv.prefix();
        ns = KeyNamespace.function("t-" + UUID.randomUUID());
        other = KeyNamespace.function("t-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        host.close();
        try {
            for (String pattern : List.of(ns.prefix() + "*", other.prefix() + "*", KeyNamespace.SHARED_PREFIX + p + "*")) {
                kv.redis().keys(pattern).forEach(kv.redis()::del);
            }
        } finally {
            kv.close();
        }
    }

    private WasmFunction hostcalls(EngineKind kind) {
        return hostcalls(kind, ns);
    }

    private WasmFunction hostcalls(EngineKind kind, KeyNamespace namespace) {
        return host.load(kind, host.services(Optional.of(kv), Optional.empty()), "hostcalls", FunctionSettings.defaults().withKeyNamespace(namespace));
    }

    @OnBothEngines
    void setStoresTheValueAndAcknowledgesItCapsuleStyle(EngineKind kind) {
        CliResult result = hostcalls(kind).callCli(List.of("redis-set", p + "k", "v \uD83C\uDF3F"));

        assertEquals("[OK](" + p + "k:v \uD83C\uDF3F)", result.raw());
        assertEquals("v \uD83C\uDF3F", kv.redis().get(ns.key(p + "k")));
        assertEquals(-1, kv.redis().ttl(ns.key(p + "k")), "no expiry");
    }

    @OnBothEngines
    void getAnswersTheStoredValue(EngineKind kind) {
        kv.redis().set(ns.key(p + "greeting"), "hello");

        assertEquals("hello", hostcalls(kind).callCli(List.of("redis-get", p + "greeting")).raw());
    }

    @OnBothEngines
    void getOfAMissingKeyIsTheErrorRedisNil(EngineKind kind) {
        CliResult result = hostcalls(kind).callCli(List.of("redis-get", p + "missing"));

        assertEquals(Optional.of(GuestError.of("redis: nil")), result.error());
    }

    @OnBothEngines
    void anEmptyStoredValueReachesTheGuestWithoutATrap(EngineKind kind) {
        kv.redis().set(ns.key(p + "blank"), "");

        CliResult result = hostcalls(kind).callCli(List.of("redis-get", p + "blank"));

        assertEquals("empty", result.raw()); // "" from the host; the guest SDK returns it as "empty"
        assertFalse(result.error().isPresent());
    }

    @OnBothEngines
    void keysAnswersTheMatchingKeys(EngineKind kind) {
        WasmFunction function = hostcalls(kind);
        function.callCli(List.of("redis-set", p + "b", "2"));
        function.callCli(List.of("redis-set", p + "a", "1"));
        kv.redis().set(ns.key(p + "other"), "x");

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

    @OnBothEngines
    void aKeyNamedLikeControlDataIsStoredInsideTheFunctionsNamespace(EngineKind kind) {
        kv.redis().set(p + "control", "original");
        WasmFunction function = hostcalls(kind);

        function.callCli(List.of("redis-set", p + "control", "rewritten"));
        function.callCli(List.of("redis-set", "capa:proxy:routes", "{\"f\":{\"default\":[\"http://attacker\"]}}"));

        assertEquals("original", kv.redis().get(p + "control"));
        assertEquals("rewritten", kv.redis().get(ns.key(p + "control")));
        assertEquals("rewritten", function.callCli(List.of("redis-get", p + "control")).raw());
        assertNotEquals("{\"f\":{\"default\":[\"http://attacker\"]}}", kv.redis().get("capa:proxy:routes"));
        assertTrue(kv.redis().exists(ns.key("capa:proxy:routes")));
    }

    @OnBothEngines
    void getDoesNotReachKeysOutsideTheNamespace(EngineKind kind) {
        kv.redis().set(p + "secret", "s3cr3t");
        kv.redis().set(other.key(p + "secret"), "theirs");

        CliResult result = hostcalls(kind).callCli(List.of("redis-get", p + "secret"));

        assertEquals(Optional.of(GuestError.of("redis: nil")), result.error());
    }

    @OnBothEngines
    void noPatternListsKeysOutsideTheNamespaceAndTheListedKeysHaveNoPrefix(EngineKind kind) {
        kv.redis().set(p + "outside", "x");
        kv.redis().set(other.key(p + "theirs"), "x");
        WasmFunction function = hostcalls(kind);
        function.callCli(List.of("redis-set", p + "mine", "1"));

        for (String pattern : List.of("*", "?*", "[a-z]*", "*outside*", "*theirs*", "\\*", "*:*", "capa:*", "[^x]*", "*" + p + "*")) {
            String listed = function.callCli(List.of("redis-keys", pattern)).raw();
            assertTrue(listed.equals(p + "mine") || listed.equals("empty"), pattern + " listed " + listed);
        }
        assertEquals(p + "mine", function.callCli(List.of("redis-keys", "*")).raw());
    }

    @OnBothEngines
    void inTheSharedNamespaceFunctionsSeeEachOthersKeysButNotControlData(EngineKind kind) {
        kv.redis().set(p + "outside", "x");
        WasmFunction writer = hostcalls(kind, KeyNamespace.shared());
        WasmFunction reader = hostcalls(kind, KeyNamespace.shared());

        writer.callCli(List.of("redis-set", p + "common", "hello"));

        assertEquals("hello", reader.callCli(List.of("redis-get", p + "common")).raw());
        assertEquals("hello", kv.redis().get(KeyNamespace.SHARED_PREFIX + p + "common"));
        assertEquals(p + "common", reader.callCli(List.of("redis-keys", p + "*")).raw());
        assertTrue(reader.callCli(List.of("redis-get", p + "outside")).error().isPresent());
    }

    @OnBothEngines
    void withoutAConfiguredNamespaceAGuestGetsTheOneOfItsName(EngineKind kind) {
        WasmFunction function = host.load(kind, host.services(Optional.of(kv), Optional.empty()), "hostcalls", FunctionSettings.defaults());
        try {
            function.callCli(List.of("redis-set", p + "k", "v"));

            assertEquals("v", kv.redis().get(KeyNamespace.FUNCTION_PREFIX + "hostcalls:" + p + "k"));
            assertEquals(null, kv.redis().get(p + "k"));
        } finally {
            kv.redis().del(KeyNamespace.FUNCTION_PREFIX + "hostcalls:" + p + "k");
        }
    }
}
