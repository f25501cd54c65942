// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.RedisStreamListener;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.Eventually;
import io.capaee.connector.inbound.ListenerEndpointFactory;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisSettings;
import io.capaee.connector.redis.RedisStreamGroup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers' consumers in one group on the real Redis (127.0.0.1:6379, a stream of this test's own): the
 * entries a consumer took and left unacknowledged (its server died) are taken over by the other once idle for
 * {@code claimIdleMillis}, and each is delivered there once.
 */
class RedisStreamTakeOverTest {
    private static final RedisSettings REDIS = new RedisSettings("127.0.0.1", 6379, "", 0, 2000, 4);

    private final String stream = "capa:test:takeover:" + UUID.randomUUID();
    private final ThreadPoolWorkManager work = new ThreadPoolWorkManager();
    private final RedisClient client = new RedisClient(REDIS, "capa-test");
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private RedisStreamInboundEndpoint endpoint;

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.release();
            endpoint.awaitStopped(5000);
        }
        work.close();
        client.commands().delete(stream);
        client.close();
    }

    @Test
    void entriesADeadConsumerLeftPendingAreTakenOverOnceIdle() throws Exception {
        RedisStreamGroup dead = new RedisStreamGroup(client.commands(), stream, "g", "capa-ee-dead-9080");
        dead.create(true);
        for (int i = 0; i < 5; i++) {
            client.commands().append(stream, Map.of("data", "m" + i), 0);
        }
        assertEquals(5, dead.readNew(10, 0).size(), "the dead server had taken them all");

        endpoint = new RedisStreamInboundEndpoint(REDIS, stream, "g", "capa-ee-alive-9081", stream + ":dlq", "http://app",
                300, new DeliveryPolicy(3, 1, 5), new EndpointInvoker(new ListenerEndpointFactory(
                        "capa-ee#ejb-bindings#RedisStreamInputBinding", RedisStreamListener.class,
                        message -> delivered.add(new String(message.data(), StandardCharsets.UTF_8)))));
        endpoint.start(work.pacer());
        Eventually.await(() -> delivered.size() >= 5);
        client.commands().append(stream, Map.of("data", "m5"), 0);
        Eventually.await(() -> delivered.size() >= 6);
        Thread.sleep(1500); // a second take-over of the same entries would come within this

        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5"), delivered);
    }
}
