// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.DaprPreviewClient;
import io.dapr.client.domain.BulkPublishResponse;
import io.dapr.client.domain.QueryStateItem;
import io.dapr.client.domain.QueryStateResponse;
import io.dapr.client.domain.State;
import io.dapr.client.domain.TransactionalStateOperation;
import io.dapr.client.domain.UnlockResponseStatus;
import io.dapr.exceptions.DaprException;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import it.io.capaee.support.AppPort;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Deliveries;
import it.io.capaee.support.Server;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import redis.clients.jedis.JedisPooled;

/**
 * The current Dapr Java SDK (io.dapr:dapr-sdk 1.16, which calls the sidecar over gRPC) against Capa EE's gRPC API
 * on {@code dapr.grpc.port}: state with ETags, transactions and queries, publish and bulk publish (delivered to this
 * test playing the app), an output binding, secrets, locks, metadata (get, and set through the SDK's generated stub:
 * its client has no call for it) and shutdown refused.
 *
 * <p>It runs in failsafe's execution {@code dapr-grpc-sdk} (liberty-config/pom.xml), whose classpath has the SDK 1.16
 * in place of the 1.11 the HTTP tests use; it is compiled against 1.11's API, so it calls only what both have
 * (and {@code getMetadata}, which 1.11 lacks, by reflection). Elsewhere it is skipped.
 */
class DaprGrpcSdkIT {
    public record Order(String item, int qty) {}

    private static final String TOPIC = Dapr.unique("grpc-orders");
    private static DaprClient dapr;
    private static DaprPreviewClient preview;
    private static HttpServer app;
    private static final Deliveries deliveries = new Deliveries();
    private final String key = Dapr.unique("grpcit");

    @BeforeAll
    static void connect() throws Exception {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        dapr = new DaprClientBuilder().build();
        preview = new DaprClientBuilder().buildPreviewClient();
        app = AppPort.server();
        app.createContext("/dapr/subscribe", x -> Deliveries.answer(x, 200,
                "[{\"pubsubname\":\"pubsub\",\"topic\":\"" + TOPIC + "\",\"route\":\"/grpc-orders\"}]"));
        app.createContext("/grpc-orders", x -> deliveries.record(x, "grpc-orders", 200, ""));
        app.start();
        Server.await("/v1.0/metadata", r -> r.body().contains(TOPIC), Duration.ofSeconds(20));
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (dapr != null) {
            dapr.close();
            preview.close();
            app.stop(0);
            try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
                redis.del("it-" + System.getProperty("http.port") + ":" + TOPIC);
            }
        }
    }

    @AfterEach
    void cleanUp() {
        Dapr.deleteRedisKeys(key);
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.del(Dapr.appId() + "||lock||" + key);
        }
    }

    @Test
    void stateSaveGetWithEtagAndDelete() {
        dapr.saveState("statestore", key, new Order("tea", 3)).block();
        State<Order> saved = dapr.getState("statestore", key, Order.class).block();
        assertEquals(new Order("tea", 3), saved.getValue());
        String first = saved.getEtag();
        assertNotNull(first, "gRPC carries the ETag of a single get");

        dapr.saveState("statestore", key, first, new Order("tea", 4), null).block();
        DaprException stale = assertThrows(DaprException.class,
                () -> dapr.saveState("statestore", key, first, new Order("tea", 5), null).block());
        assertEquals("ABORTED", stale.getErrorCode(), stale.getMessage());
        assertTrue(stale.getMessage().contains("etag mismatch"), stale.getMessage());
        assertEquals(new Order("tea", 4), dapr.getState("statestore", key, Order.class).block().getValue());

        dapr.deleteState("statestore", key).block();
        assertNull(dapr.getState("statestore", key, Order.class).block().getValue());
    }

    @Test
    void aTransactionAndAnUnknownStore() {
        dapr.executeStateTransaction("statestore", List.of(
                new TransactionalStateOperation<>(TransactionalStateOperation.OperationType.UPSERT, new State<>(key + "-a", "alpha", (String) null)),
                new TransactionalStateOperation<>(TransactionalStateOperation.OperationType.UPSERT, new State<>(key + "-b", "beta", (String) null))))
                .block();
        List<State<String>> both = dapr.getBulkState("statestore", List.of(key + "-a", key + "-b", key + "-c"), String.class).block();
        assertEquals(List.of("alpha", "beta"), both.subList(0, 2).stream().map(State::getValue).toList());
        assertNull(both.get(2).getValue());

        DaprException unknown = assertThrows(DaprException.class, () -> dapr.getState("nostore", key, String.class).block());
        assertEquals("NOT_FOUND", unknown.getErrorCode(), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("nostore"), unknown.getMessage());
    }

    @Test
    void aPublishedEventReachesTheSubscribedApp() throws Exception {
        dapr.publishEvent("pubsub", TOPIC, new Order("cake", 2)).block();
        var event = deliveries.next("grpc-orders", 20);
        assertEquals(Dapr.json("{\"item\":\"cake\",\"qty\":2}"), event.get("data"));
        assertEquals(TOPIC, event.getString("topic"));
    }

    @Test
    void theMemoryBindingStoresAndReturnsBytes() {
        byte[] data = "hello over grpc".getBytes(StandardCharsets.UTF_8);
        dapr.invokeBinding("memory", "create", data, Map.of("key", key)).block();
        byte[] back = dapr.invokeBinding("memory", "get", new byte[0], Map.of("key", key)).block();
        assertEquals("hello over grpc", new String(back, StandardCharsets.UTF_8));
        dapr.invokeBinding("memory", "delete", new byte[0], Map.of("key", key)).block();
    }

    @Test
    void secretsAndLocks() {
        assertEquals(Map.of("redisPassword", "it-only-not-a-real-secret"), dapr.getSecret("filestore", "redisPassword").block());
        assertEquals(Map.of("db:user", "capa"), dapr.getBulkSecret("filestore").block().get("db:user"));

        assertTrue(preview.tryLock("lockstore", key, "alice", 30).block());
        assertFalse(preview.tryLock("lockstore", key, "bob", 30).block());
        assertEquals(UnlockResponseStatus.LOCK_BELONG_TO_OTHERS, preview.unlock("lockstore", key, "bob").block());
        assertEquals(UnlockResponseStatus.SUCCESS, preview.unlock("lockstore", key, "alice").block());
    }

    @Test
    void metadataNamesTheAppAndItsComponents() throws Exception {
        // DaprClient.getMetadata() is new since 1.11, the API this class compiles against
        Object metadata = ((Mono<?>) DaprClient.class.getMethod("getMetadata").invoke(dapr)).block();
        assertEquals(Dapr.appId(), metadata.getClass().getMethod("getId").invoke(metadata));
        List<?> components = (List<?>) metadata.getClass().getMethod("getComponents").invoke(metadata);
        assertTrue(components.stream().anyMatch(c -> name(c).equals("statestore")), components.toString());
    }

    private static String name(Object component) {
        try {
            return String.valueOf(component.getClass().getMethod("getName").invoke(component));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQueryFindsTheSavedValuesAPageAtATime() {
        for (int qty = 1; qty <= 3; qty++) {
            dapr.saveState("statestore", key + "-" + qty, new Order(key, qty)).block();
        }
        dapr.saveState("statestore", key + "-other", new Order("other " + key, 9)).block();
        String query = "{\"filter\":{\"EQ\":{\"item\":\"" + key + "\"}},\"sort\":[{\"key\":\"qty\",\"order\":\"DESC\"}],"
                + "\"page\":{\"limit\":2%s}}";
        QueryStateResponse<Order> first = preview.queryState("statestore", String.format(query, ""), Order.class).block();
        assertEquals(List.of(new Order(key, 3), new Order(key, 2)), first.getResults().stream().map(QueryStateItem::getValue).toList());
        assertEquals(key + "-3", first.getResults().get(0).getKey());
        assertNotNull(first.getResults().get(0).getEtag());
        QueryStateResponse<Order> last = preview.queryState("statestore",
                String.format(query, ",\"token\":\"" + first.getToken() + "\""), Order.class).block();
        assertEquals(List.of(new Order(key, 1)), last.getResults().stream().map(QueryStateItem::getValue).toList());

        DaprException bad = assertThrows(DaprException.class,
                () -> preview.queryState("statestore", "{\"filter\":{\"LIKE\":{\"item\":\"x\"}}}", Order.class).block());
        assertEquals("INVALID_ARGUMENT", bad.getErrorCode(), bad.getMessage());
        assertTrue(bad.getMessage().contains("'LIKE'"), bad.getMessage());
    }

    @Test
    void aBulkPublishReachesTheSubscribedAppWithNoFailedEntries() throws Exception {
        BulkPublishResponse<Order> response = preview.publishEvents("pubsub", TOPIC, "application/json",
                List.of(new Order("bulk-1", 1), new Order("bulk-2", 2))).block();
        assertEquals(List.of(), response.getFailedEntries());
        int sum = 0;
        for (int i = 0; i < 2; i++) {
            sum += deliveries.next("grpc-orders", 20).getJsonObject("data").getInt("qty");
        }
        assertEquals(3, sum);
    }

    @Test
    void metadataSetOverGrpcIsReadBackAsAnAttribute() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
        try {
            DaprGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .setMetadata(DaprProtos.SetMetadataRequest.newBuilder().setKey(key).setValue("set over grpc").build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        Object metadata = ((Mono<?>) DaprClient.class.getMethod("getMetadata").invoke(dapr)).block();
        Map<?, ?> attributes = (Map<?, ?>) metadata.getClass().getMethod("getAttributes").invoke(metadata);
        assertEquals("set over grpc", attributes.get(key), attributes.toString());
    }

    @Test
    void shuttingDownIsRefusedByDefault() {
        DaprException e = assertThrows(DaprException.class, () -> dapr.shutdown().block(Duration.ofSeconds(10)));
        assertEquals("PERMISSION_DENIED", e.getErrorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("capa.dapr.shutdown.enabled"), e.getMessage());
    }
}
