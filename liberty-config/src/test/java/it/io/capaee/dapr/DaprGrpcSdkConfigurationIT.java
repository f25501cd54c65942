// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.domain.ConfigurationItem;
import io.dapr.client.domain.SubscribeConfigurationResponse;
import io.dapr.exceptions.DaprException;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import it.io.capaee.support.Dapr;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import redis.clients.jedis.JedisPooled;

/**
 * Configuration through the current Dapr Java SDK (1.16, gRPC) against the Redis store {@code configstore}: get, a
 * subscription that sees a change and ends when unsubscribed, and a subscription the client drops, which the server
 * closes. Like {@link DaprGrpcSdkIT}, it runs in failsafe's execution {@code dapr-grpc-sdk} only.
 */
class DaprGrpcSdkConfigurationIT {
    private static final String PREFIX = "capa:config:"; // capa.configuration.key-prefix's default
    private static DaprClient dapr;
    private final String key = Dapr.unique("grpccfg");
    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);

    @BeforeAll
    static void connect() {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        dapr = new DaprClientBuilder().build();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (dapr != null) {
            dapr.close();
        }
    }

    @AfterEach
    void clean() {
        redis.del(PREFIX + key, PREFIX + key + "-b");
        redis.close();
    }

    @Test
    void getAnswersTheItemsWithTheirVersions() {
        redis.set(PREFIX + key, "hello||7");
        Map<String, ConfigurationItem> items = dapr.getConfiguration("configstore", key, key + "-missing").block();
        assertEquals("hello", items.get(key).getValue());
        assertEquals("7", items.get(key).getVersion());
        assertFalse(items.containsKey(key + "-missing"));

        DaprException unknown = assertThrows(DaprException.class, () -> dapr.getConfiguration("nostore", key).block());
        assertEquals("NOT_FOUND", unknown.getErrorCode(), unknown.getMessage());
    }

    @Test
    void aSubscriptionSeesAChangeAndEndsWhenUnsubscribed() throws Exception {
        LinkedBlockingQueue<SubscribeConfigurationResponse> seen = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();
        Disposable subscription = dapr.subscribeConfiguration("configstore", key)
                .subscribe(seen::add, e -> ended.add("error " + e), () -> ended.add("completed"));
        try {
            SubscribeConfigurationResponse first = seen.poll(20, TimeUnit.SECONDS);
            String id = first.getSubscriptionId();
            assertFalse(id == null || id.isEmpty(), "the first message names the subscription");
            assertTrue(first.getItems() == null || first.getItems().isEmpty(), "and carries no items");

            redis.set(PREFIX + key, "on||2");
            SubscribeConfigurationResponse change = seen.poll(20, TimeUnit.SECONDS);
            assertEquals(id, change.getSubscriptionId());
            assertEquals("on", change.getItems().get(key).getValue());
            assertEquals("2", change.getItems().get(key).getVersion());

            assertTrue(dapr.unsubscribeConfiguration(id, "configstore").block().getIsUnsubscribed());
            assertEquals("completed", ended.poll(20, TimeUnit.SECONDS), "the server ends the stream");
            redis.set(PREFIX + key, "after||3");
            assertNull(seen.poll(1, TimeUnit.SECONDS), "nothing after the end");
            assertFalse(dapr.unsubscribeConfiguration(id, "configstore").block().getIsUnsubscribed(), "an id unsubscribed twice");
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aSubscriptionWhoseClientGoesAwayIsClosedOnTheServer() throws Exception {
        // the SDK's Flux does not cancel its call when disposed: a client that goes away is a closed connection
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
        String id;
        try {
            Iterator<DaprProtos.SubscribeConfigurationResponse> stream = DaprGrpc.newBlockingStub(channel).subscribeConfiguration(
                    DaprProtos.SubscribeConfigurationRequest.newBuilder().setStoreName("configstore").addKeys(key + "-b").build());
            id = stream.next().getId();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        // the server learns of it over the connection (an HTTP/2 reset), long before this second ends
        Thread.sleep(1000);
        assertFalse(dapr.unsubscribeConfiguration(id, "configstore").block().getIsUnsubscribed(), "the server had closed " + id);
    }
}
