// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.binding.KafkaBindingFactory;
import io.capaee.api.binding.NatsBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.binding.kafka.KafkaBindingManagedConnectionFactory;
import io.capaee.connector.binding.nats.NatsBindingManagedConnectionFactory;
import io.capaee.connector.binding.redis.RedisBindingManagedConnectionFactory;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caller cannot turn a binding into a broker client of its own: against the real NATS at 127.0.0.1:4222. */
class BindingAllowListTest {
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
    void aNatsRequestToTheJetStreamApiIsForbiddenAndTheStreamSurvives() throws Exception {
        String stream = "CAPA_ALLOW_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream.toLowerCase() + ".x")
                    .storageType(StorageType.Memory).build());
            try {
                NatsBindingManagedConnectionFactory mcf = new NatsBindingManagedConnectionFactory();
                mcf.setResourceAdapter(adapter);
                mcf.setSubject("capa.allow.test");
                mcf.setAllowedSubjects(">"); // even "everything" does not reach the reserved subjects
                try (OutputBinding binding = ((NatsBindingFactory) mcf.createConnectionFactory()).getConnection()) {
                    for (String subject : new String[] {"$JS.API.STREAM.DELETE." + stream, "$JS.API.STREAM.MSG.GET." + stream,
                            "$SYS.REQ.SERVER.PING", "_INBOX.x", "$KV.b.k", "$O.b.x"}) {
                        OutputBindingException e = assertThrows(OutputBindingException.class,
                                () -> binding.invoke("request", new byte[0], Map.of("subject", subject)), subject);
                        assertEquals(OutputBindingException.Reason.FORBIDDEN, e.reason(), subject);
                        assertTrue(e.getMessage().contains(subject), e.getMessage());
                    }
                    OutputBindingException wildcard = assertThrows(OutputBindingException.class,
                            () -> binding.invoke("create", new byte[0], Map.of("subject", "a.>")));
                    assertEquals(OutputBindingException.Reason.BAD_REQUEST, wildcard.reason());
                }
                assertNotNull(jsm.getStreamInfo(stream), "the stream is still there");
            } finally {
                jsm.deleteStream(stream);
            }
        }
    }

    @Test
    void byDefaultANatsCallerMayUseOnlyTheConfiguredSubject() throws Exception {
        NatsBindingManagedConnectionFactory mcf = new NatsBindingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        mcf.setSubject("capa.allow.test");
        try (OutputBinding binding = ((NatsBindingFactory) mcf.createConnectionFactory()).getConnection()) {
            binding.invoke("create", new byte[0], Map.of());
            binding.invoke("create", new byte[0], Map.of("subject", "capa.allow.test"));
            assertEquals(OutputBindingException.Reason.FORBIDDEN, assertThrows(OutputBindingException.class,
                    () -> binding.invoke("create", new byte[0], Map.of("subject", "capa.other"))).reason());
        }
    }

    @Test
    void byDefaultAKafkaCallerCannotWriteIntoAnotherTopicSuchAsTheInputBindings() throws Exception {
        KafkaBindingManagedConnectionFactory mcf = new KafkaBindingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        mcf.setBootstrapServers("127.0.0.1:1"); // refused before any broker is asked
        mcf.setTopic("orders");
        mcf.setTimeoutMillis(500);
        try (OutputBinding binding = ((KafkaBindingFactory) mcf.createConnectionFactory()).getConnection()) {
            OutputBindingException e = assertThrows(OutputBindingException.class,
                    () -> binding.invoke("create", new byte[0], Map.of("topic", "capa-input")));
            assertEquals(OutputBindingException.Reason.FORBIDDEN, e.reason());
            assertTrue(e.getMessage().contains("capa-input") && e.getMessage().contains("allowedTopics"), e.getMessage());
        }
    }

    @Test
    void aRedisBindingWithoutAKeyPrefixIsRefusedAtDeployTime() {
        RedisBindingManagedConnectionFactory redis = new RedisBindingManagedConnectionFactory();
        assertEquals("capa:binding:", redis.getKeyPrefix());
        redis.setKeyPrefix("");
        assertTrue(assertThrows(InvalidPropertyException.class, redis::createConnectionFactory).getMessage().contains("'keyPrefix'"));
    }
}
