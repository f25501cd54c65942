// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.SharedResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * The Redis streams input binding ({@code RedisStreamInputBinding} bean, consumer group) with an
 * output binding as its target ({@code binding:kafka}, topic {@code capa-it-<port>-pipeline}): a
 * Redis → Kafka pipeline. Every entry lands in Kafka and is acknowledged only then; an entry Kafka
 * refuses (larger than the producer's 1 MB limit) goes to the dead-letter stream; nothing stays pending.
 */
@ResourceLock(value = SharedResources.KAFKA, mode = ResourceAccessMode.READ)
class RedisStreamInputIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String STREAM = "capa:it:" + PORT + ":input";
    private static final String GROUP = "capa-it-" + PORT;
    private static final String TOPIC = "capa-it-" + PORT + "-pipeline";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static JedisPooled redis;

    @BeforeAll
    static void start() {
        redis = new JedisPooled("127.0.0.1", 6379);
    }

    @AfterAll
    static void stop() {
        redis.del(STREAM + ":dlq");
        redis.xtrim(STREAM, 0, false); // the stream and its group stay for the next build
        redis.close();
    }

    @Test
    void entriesLandInKafkaAndAreAcknowledgedAfterwards() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        for (int i = 0; i < 20; i++) {
            redis.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("data", run + "-" + i, "kind", "order"));
        }
        Map<String, ConsumerRecord<String, String>> received = new HashMap<>();
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-reader-" + run, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < 20 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().startsWith(run + "-")) {
                        received.put(record.value(), record);
                    }
                }
            }
        }
        assertEquals(20, received.size(), "every entry landed in " + TOPIC);
        ConsumerRecord<String, String> one = received.get(run + "-3");
        assertEquals("order", new String(one.headers().lastHeader("kind").value(), StandardCharsets.UTF_8),
                "the entry's other fields travel as record headers");
        assertNothingPending();
    }

    @Test
    void anEntryKafkaRefusesGoesToTheDeadLetterStream() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        String tooLarge = "poison-" + run + "-" + "x".repeat(1_100_000);
        StreamEntryID id = redis.xadd(STREAM, StreamEntryID.NEW_ENTRY, Map.of("data", tooLarge));
        long deadline = System.nanoTime() + WAIT.toNanos();
        StreamEntry dead = null;
        while (dead == null && System.nanoTime() < deadline) {
            for (StreamEntry entry : redis.xrange(STREAM + ":dlq", (StreamEntryID) null, (StreamEntryID) null)) {
                if ((STREAM + "@" + id).equals(entry.getFields().get("capa-original"))) {
                    dead = entry;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(dead != null, "the refused entry in " + STREAM + ":dlq");
        assertEquals(tooLarge, dead.getFields().get("data"));
        assertEquals("3", dead.getFields().get("capa-attempts"));
        assertTrue(dead.getFields().get("capa-dead-letter-reason").contains("RecordTooLarge"),
                dead.getFields().get("capa-dead-letter-reason"));
        assertNothingPending();
    }

    private static void assertNothingPending() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        StreamPendingSummary pending = redis.xpending(STREAM, GROUP);
        while (pending.getTotal() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pending = redis.xpending(STREAM, GROUP);
        }
        assertEquals(0, pending.getTotal(), "acknowledged after delivery or dead letter");
    }
}
