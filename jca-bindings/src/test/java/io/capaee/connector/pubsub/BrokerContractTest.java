// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.CapaResourceAdapter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

/** The broker SPI on memory and on real Redis streams (prefix unique to the test). */
class BrokerContractTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String prefix = "capa-test-pubsub-" + UUID.randomUUID() + ":";
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private PubSubConnection broker;

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
    }

    private PubSubConnection open(String backend) throws Exception {
        PubSubManagedConnectionFactory f = new PubSubManagedConnectionFactory();
        f.setBackend(backend);
        f.setStreamPrefix(prefix);
        f.setRedeliverAfterMillis(300);
        f.setResourceAdapter(adapter);
        return ((PubSubConnectionFactory) f.createConnectionFactory()).getConnection();
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        executor.shutdownNow();
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : admin.keys(prefix + "*")) {
                admin.del(key);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void eachGroupGetsEachMessageAndARefusedMessageComesBack(String backend) throws Exception {
        broker = open(backend);
        LinkedBlockingQueue<String> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();
        AtomicInteger refusals = new AtomicInteger();
        try (PubSubSubscription sa = broker.subscribe("t", "group-a", m -> a.add(new String(m, StandardCharsets.UTF_8)), executor);
                PubSubSubscription sb = broker.subscribe("t", "group-b", m -> {
                    b.add(new String(m, StandardCharsets.UTF_8));
                    return refusals.getAndIncrement() > 0; // refuses the first delivery
                }, executor)) {
            broker.publish("t", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("hello", a.poll(5, TimeUnit.SECONDS));
            assertEquals("hello", b.poll(5, TimeUnit.SECONDS));
            assertEquals("hello", b.poll(5, TimeUnit.SECONDS), "delivered again after a refusal");
            assertNull(a.poll(700, TimeUnit.MILLISECONDS), "an accepted message is not delivered again");
            assertNull(b.poll(700, TimeUnit.MILLISECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anyBytesPassUnchanged(String backend) throws Exception {
        broker = open(backend);
        LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (PubSubSubscription s = broker.subscribe("bin", "g", m -> got.add(m), executor)) {
            byte[] bytes = {0, (byte) 0xff, 10, 13, '"'};
            broker.publish("bin", bytes);
            assertArrayEquals(bytes, got.poll(5, TimeUnit.SECONDS));
        }
    }
}
