// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.HttpBindingFactory;
import io.capaee.api.binding.KafkaBindingFactory;
import io.capaee.api.binding.MemoryBindingFactory;
import io.capaee.api.binding.MqttBindingFactory;
import io.capaee.api.binding.RabbitMqBindingFactory;
import io.capaee.api.binding.NatsBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.RedisBindingFactory;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.binding.http.HttpBindingManagedConnectionFactory;
import io.capaee.connector.binding.kafka.KafkaBindingManagedConnectionFactory;
import io.capaee.connector.binding.memory.MemoryBindingManagedConnectionFactory;
import io.capaee.connector.binding.mqtt.MqttBindingManagedConnectionFactory;
import io.capaee.connector.binding.rabbitmq.RabbitMqBindingManagedConnectionFactory;
import io.capaee.connector.binding.nats.NatsBindingManagedConnectionFactory;
import io.capaee.connector.binding.redis.RedisBindingManagedConnectionFactory;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config checks at factory creation, factory types, and the memory binding through the JCA plumbing. */
class BindingFactoriesTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
    }

    @AfterEach
    void stop() {
        adapter.stop();
    }

    @Test
    void eachSystemHandsOutItsOwnFactoryType() throws Exception {
        assertInstanceOf(MemoryBindingFactory.class, new MemoryBindingManagedConnectionFactory().createConnectionFactory());
        assertInstanceOf(KafkaBindingFactory.class, new KafkaBindingManagedConnectionFactory().createConnectionFactory());
        assertInstanceOf(NatsBindingFactory.class, new NatsBindingManagedConnectionFactory().createConnectionFactory());
        assertInstanceOf(RedisBindingFactory.class, new RedisBindingManagedConnectionFactory().createConnectionFactory());
        assertInstanceOf(MqttBindingFactory.class, new MqttBindingManagedConnectionFactory().createConnectionFactory());
        assertInstanceOf(RabbitMqBindingFactory.class, new RabbitMqBindingManagedConnectionFactory().createConnectionFactory());
        HttpBindingManagedConnectionFactory http = new HttpBindingManagedConnectionFactory();
        http.setUrl("http://localhost:3000");
        assertInstanceOf(HttpBindingFactory.class, http.createConnectionFactory());
    }

    @Test
    void badPropertiesFailAtDeployTimeNamingTheProperty() {
        KafkaBindingManagedConnectionFactory kafka = new KafkaBindingManagedConnectionFactory();
        kafka.setAcks("most");
        assertTrue(assertThrows(InvalidPropertyException.class, kafka::createConnectionFactory).getMessage().contains("'acks'"));

        NatsBindingManagedConnectionFactory nats = new NatsBindingManagedConnectionFactory();
        nats.setServers("127.0.0.1:4222");
        assertTrue(assertThrows(InvalidPropertyException.class, nats::createConnectionFactory).getMessage().contains("'servers'"));

        RedisBindingManagedConnectionFactory redis = new RedisBindingManagedConnectionFactory();
        redis.setPort(70000);
        assertTrue(assertThrows(InvalidPropertyException.class, redis::createConnectionFactory).getMessage().contains("'port'"));

        HttpBindingManagedConnectionFactory http = new HttpBindingManagedConnectionFactory();
        assertTrue(assertThrows(InvalidPropertyException.class, http::createConnectionFactory).getMessage().contains("'url'"));
        http.setUrl("ftp://example.com/");
        assertTrue(assertThrows(InvalidPropertyException.class, http::createConnectionFactory).getMessage().contains("'url'"));

        MqttBindingManagedConnectionFactory mqtt = new MqttBindingManagedConnectionFactory();
        mqtt.setUrl("mqtt://127.0.0.1:1883");
        assertTrue(assertThrows(InvalidPropertyException.class, mqtt::createConnectionFactory).getMessage().contains("'url'"));
        mqtt.setUrl("tcp://127.0.0.1:1883");
        mqtt.setQos(3);
        assertTrue(assertThrows(InvalidPropertyException.class, mqtt::createConnectionFactory).getMessage().contains("'qos'"));
        mqtt.setQos(1);
        mqtt.setAllowedTopics("a/#/b");
        assertTrue(assertThrows(InvalidPropertyException.class, mqtt::createConnectionFactory).getMessage()
                .contains("'allowedTopics'"));

        RabbitMqBindingManagedConnectionFactory rabbitMq = new RabbitMqBindingManagedConnectionFactory();
        rabbitMq.setUrl("tcp://127.0.0.1:5672");
        assertTrue(assertThrows(InvalidPropertyException.class, rabbitMq::createConnectionFactory).getMessage().contains("'url'"));
        rabbitMq.setUrl("amqp://127.0.0.1:5672");
        rabbitMq.setAllowedRoutingKeys("orders.#.eu");
        assertTrue(assertThrows(InvalidPropertyException.class, rabbitMq::createConnectionFactory).getMessage()
                .contains("'allowedRoutingKeys'"));

        MemoryBindingManagedConnectionFactory memory = new MemoryBindingManagedConnectionFactory();
        memory.setMaxEntries(0);
        assertTrue(assertThrows(InvalidPropertyException.class, memory::createConnectionFactory).getMessage().contains("'maxEntries'"));
    }

    @Test
    void memoryBindingWorksThroughTheHandleAndRefusesUnknownOperations() throws Exception {
        MemoryBindingManagedConnectionFactory mcf = new MemoryBindingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        mcf.setMaxEntries(1);
        MemoryBindingFactory factory = (MemoryBindingFactory) mcf.createConnectionFactory();
        try (OutputBinding binding = factory.getConnection()) {
            binding.invoke("create", "v".getBytes(StandardCharsets.UTF_8), Map.of("key", "a"));
            BindingResponse got = binding.invoke("get", null, Map.of("key", "a"));
            assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), got.data());
            assertFalse(binding.invoke("get", null, Map.of("key", "b")).hasData());

            OutputBindingException full = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("create", new byte[1], Map.of("key", "b")));
            assertEquals(OutputBindingException.Reason.FULL, full.reason());
            assertFalse(binding.invoke("get", null, Map.of("key", "b")).hasData(), "nothing written");

            OutputBindingException unknown = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("explode", null, Map.of()));
            assertEquals(OutputBindingException.Reason.BAD_REQUEST, unknown.reason());
            assertTrue(unknown.getMessage().contains("create"), unknown.getMessage());

            OutputBindingException noKey = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("get", null, Map.of()));
            assertEquals(OutputBindingException.Reason.BAD_REQUEST, noKey.reason());
        }
    }

    @Test
    void theMemoryBindingBoundsItsBytesAndAnOverwriteCountsOnlyItsGrowth() throws Exception {
        MemoryBindingManagedConnectionFactory mcf = new MemoryBindingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        assertEquals(1000, mcf.getMaxEntries());
        mcf.setMaxBytes(10L);
        try (OutputBinding binding = ((MemoryBindingFactory) mcf.createConnectionFactory()).getConnection()) {
            binding.invoke("create", new byte[9], Map.of("key", "a")); // 1 + 9 bytes: full
            OutputBindingException full = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("create", new byte[0], Map.of("key", "b")));
            assertEquals(OutputBindingException.Reason.FULL, full.reason());
            assertThrows(OutputBindingException.class, () -> binding.invoke("create", new byte[10], Map.of("key", "a")));
            assertEquals(9, binding.invoke("get", null, Map.of("key", "a")).data().length, "the refused create changed nothing");
            binding.invoke("create", new byte[4], Map.of("key", "a"));
            binding.invoke("create", new byte[4], Map.of("key", "b"));
            binding.invoke("delete", null, Map.of("key", "a"));
            binding.invoke("create", new byte[4], Map.of("key", "c"));
        }
    }

    @Test
    void aClosedHandleRefusesWork() throws Exception {
        MemoryBindingManagedConnectionFactory mcf = new MemoryBindingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        OutputBinding binding = ((MemoryBindingFactory) mcf.createConnectionFactory()).getConnection();
        binding.close();
        assertThrows(OutputBindingException.class, () -> binding.invoke("list", null, Map.of()));
    }

    @Test
    void theTransportIsReopenedAfterTheAdapterClosedIt() throws Exception {
        MemoryBindingManagedConnectionFactory mcf = new MemoryBindingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        BindingTransport first = mcf.transport();
        adapter.stop();
        assertTrue(first.closed());
        adapter.start(null);
        assertFalse(mcf.transport().closed());
    }
}
