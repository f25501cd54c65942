// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.DaprPreviewClient;
import io.dapr.client.domain.ConfigurationItem;
import io.dapr.client.domain.State;
import io.dapr.client.domain.StateOptions;
import io.dapr.client.domain.TransactionalStateOperation;
import io.dapr.client.domain.UnlockResponseStatus;
import io.dapr.exceptions.DaprException;
import it.io.capaee.support.Dapr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The real Dapr Java SDK (io.dapr:dapr-sdk 1.11.0, {@code dapr.api.protocol=HTTP},
 * {@code dapr.http.port} = the test server's port) against Capa EE as its sidecar, unchanged:
 * state (queries too), secrets, configuration and locks; its shutdown call is refused by default.
 */
class DaprSdkIT {
    /** A value the SDK serialises with its own JSON serializer (Jackson). */
    public record Order(String item, int qty) {}

    private static DaprClient dapr;
    private static DaprPreviewClient preview;
    private final String key = Dapr.unique("sdkit");

    @BeforeAll
    static void connect() {
        assertEquals("HTTP", System.getProperty("dapr.api.protocol"));
        dapr = new DaprClientBuilder().build();
        preview = new DaprClientBuilder().buildPreviewClient();
        dapr.waitForSidecar(10_000).block();
    }

    @AfterAll
    static void disconnect() throws Exception {
        dapr.close();
        preview.close();
    }

    @AfterEach
    void cleanUp() {
        Dapr.deleteRedisKeys(key);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.del(key);
            redis.del(Dapr.appId() + "||lock||" + key);
        }
    }

    /**
     * The SDK 1.11 reads a single get's ETag from a header spelled {@code Etag} only, which
     * Liberty never writes (it sends {@code ETag}); bulk get carries ETags in the body.
     */
    private static String etag(String key) {
        return dapr.getBulkState("statestore", List.of(key), Order.class).block().get(0).getEtag();
    }

    @Test
    void stateSaveGetAndDeleteWithEtags() {
        dapr.saveState("statestore", key, new Order("tea", 3)).block();
        State<Order> saved = dapr.getState("statestore", key, Order.class).block();
        assertEquals(new Order("tea", 3), saved.getValue());
        String first = etag(key);
        assertNotNull(first);

        dapr.saveState("statestore", key, first, new Order("tea", 4), null).block();
        DaprException conflict = assertThrows(DaprException.class,
                () -> dapr.saveState("statestore", key, first, new Order("tea", 5), null).block());
        assertEquals("ERR_STATE_SAVE", conflict.getErrorCode());
        assertEquals(new Order("tea", 4), dapr.getState("statestore", key, Order.class).block().getValue());

        StateOptions firstWrite = new StateOptions(StateOptions.Consistency.STRONG, StateOptions.Concurrency.FIRST_WRITE);
        DaprException stale = assertThrows(DaprException.class, () -> dapr.deleteState("statestore", key, first, firstWrite).block());
        assertEquals("ERR_STATE_DELETE", stale.getErrorCode());
        dapr.deleteState("statestore", key, etag(key), firstWrite).block();
        assertNull(dapr.getState("statestore", key, Order.class).block().getValue());
    }

    @Test
    void stateTransactionsAndBulkGet() {
        dapr.executeStateTransaction("statestore", List.of(
                new TransactionalStateOperation<>(TransactionalStateOperation.OperationType.UPSERT, new State<>(key + "-a", "alpha", (String) null)),
                new TransactionalStateOperation<>(TransactionalStateOperation.OperationType.UPSERT, new State<>(key + "-b", "beta", (String) null))))
                .block();
        List<State<String>> both = dapr.getBulkState("statestore", List.of(key + "-a", key + "-b", key + "-c"), String.class).block();
        assertEquals(3, both.size());
        assertEquals("alpha", both.get(0).getValue());
        assertEquals("beta", both.get(1).getValue());
        assertNull(both.get(2).getValue());

        dapr.executeStateTransaction("statestore", List.of(
                new TransactionalStateOperation<>(TransactionalStateOperation.OperationType.DELETE, new State<>(key + "-a")))).block();
        assertNull(dapr.getState("statestore", key + "-a", String.class).block().getValue());
    }

    @Test
    void anUnknownStoreIsDaprsError() {
        DaprException e = assertThrows(DaprException.class, () -> dapr.getState("nope", key, String.class).block());
        assertEquals("ERR_STATE_STORE_NOT_FOUND", e.getErrorCode());
    }

    @Test
    void secrets() {
        assertEquals(Map.of("redisPassword", "it-only-not-a-real-secret"), dapr.getSecret("filestore", "redisPassword").block());
        Map<String, Map<String, String>> all = dapr.getBulkSecret("filestore").block();
        assertEquals(Map.of("db:user", "capa"), all.get("db:user"));
        assertEquals(Map.of("apiKey", "it-config-secret-value"), dapr.getSecret("configstore", "apiKey").block());
    }

    @Test
    void configuration() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.set("capa:config:" + key, "blue||4"); // the store's items live under its key prefix
        }
        ConfigurationItem item = dapr.getConfiguration("configstore", key).block();
        assertEquals("blue", item.getValue());
        assertEquals("4", item.getVersion());
        assertEquals("hello from mp config", dapr.getConfiguration("mpconfig", "it-greeting").block().getValue());
    }

    @Test
    void locks() {
        assertTrue(preview.tryLock("lockstore", key, "alice", 30).block());
        assertFalse(preview.tryLock("lockstore", key, "bob", 30).block());
        assertEquals(UnlockResponseStatus.LOCK_BELONG_TO_OTHERS, preview.unlock("lockstore", key, "bob").block());
        assertEquals(UnlockResponseStatus.SUCCESS, preview.unlock("lockstore", key, "alice").block());
        assertEquals(UnlockResponseStatus.LOCK_UNEXIST, preview.unlock("lockstore", key, "alice").block());
    }

    @Test
    void publishLandsOnTheBrokerAsACloudEvent() {
        String topic = key;
        String stream = "it-" + System.getProperty("http.port") + ":" + topic;
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            dapr.publishEvent("pubsub", topic, new Order("tea", 1)).block();
            var entries = redis.xrange(stream, (redis.clients.jedis.StreamEntryID) null, (redis.clients.jedis.StreamEntryID) null);
            assertEquals(1, entries.size());
            String event = new String(java.util.Base64.getDecoder().decode(entries.get(0).getFields().get("data")),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(Dapr.json("{\"item\":\"tea\",\"qty\":1}"), Dapr.json(event).asJsonObject().get("data"));
            redis.del(stream);
        }
    }

    @Test
    void aQueryOverHttpFindsTheSavedValues() {
        dapr.saveState("statestore", key + "-1", new Order(key, 1)).block();
        dapr.saveState("statestore", key + "-2", new Order(key, 2)).block();
        var answer = preview.queryState("statestore", "{\"filter\":{\"EQ\":{\"item\":\"" + key + "\"}},\"sort\":[{\"key\":\"qty\"}]}",
                Order.class).block();
        assertEquals(List.of(new Order(key, 1), new Order(key, 2)), answer.getResults().stream().map(r -> r.getValue()).toList());
    }

    @Test
    void shuttingDownOverHttpIsRefusedByDefault() {
        DaprException e = assertThrows(DaprException.class, () -> dapr.shutdown().block());
        assertEquals("ERR_SHUTDOWN_DISABLED", e.getErrorCode(), e.getMessage());
    }
}
