// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.SharedResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Input bindings end to end: the server's message-driven beans {@code NatsInputBinding} and
 * {@code KafkaInputBinding} (activation specs in server.xml, subjects and topics unique to this
 * build) deliver to {@link InputApp}; failures are retried (3 attempts here), then dead-lettered;
 * Kafka offsets are committed only after delivery, and a broker restart loses nothing.
 */
@ResourceLock(SharedResources.INPUT_APP_PORT)
@ResourceLock(SharedResources.KAFKA)
class InputBindingsIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String SUBJECT = "capa.it." + PORT + ".input";
    private static final String DLQ_SUBJECT = SUBJECT + ".dlq";
    private static final String TOPIC = "capa-it-" + PORT + "-input";
    private static final String DLQ_TOPIC = TOPIC + "-dlq";
    private static final String GROUP = "capa-it-" + PORT;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static InputApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = new InputApp();
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void natsEventsReachTheAppWithDaprsContract() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            for (int i = 0; i < 20; i++) {
                Headers headers = new Headers().add("trace", "t-" + i);
                nats.publish(NatsMessage.builder().subject(SUBJECT).headers(headers)
                        .data(("{\"run\":\"" + run + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).build());
            }
            nats.flush(Duration.ofSeconds(2));
        }
        List<InputApp.Event> events = app.await("/nats-input", WAIT, list -> runEvents(list, run).size() >= 20);
        List<InputApp.Event> ours = runEvents(events, run);
        assertEquals(20, ours.size(), "every NATS message reached the app once");
        InputApp.Event first = ours.stream().filter(e -> e.body().contains("\"n\":0}")).findFirst().orElseThrow();
        assertEquals("t-0", first.headers().get("trace"), "NATS headers arrive as HTTP headers");
        assertEquals(SUBJECT, first.headers().get("subject"));
        assertEquals("application/json", first.headers().get("content-type"));
        assertTrue(app.probes.get() >= 1, "the app was probed with OPTIONS first");
    }

    @Test
    void natsFailuresAreRetriedAndThenDeadLettered() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            Subscription dlq = nats.subscribe(DLQ_SUBJECT);
            nats.flush(Duration.ofSeconds(2));
            nats.publish(SUBJECT, ("flaky-" + run).getBytes(StandardCharsets.UTF_8));
            nats.publish(SUBJECT, ("poison-" + run).getBytes(StandardCharsets.UTF_8));
            nats.flush(Duration.ofSeconds(2));

            Message dead = dlq.nextMessage(WAIT);
            assertNotNull(dead, "the poison message on " + DLQ_SUBJECT);
            assertEquals("poison-" + run, new String(dead.getData(), StandardCharsets.UTF_8));
            assertEquals("3", dead.getHeaders().getFirst("capa-attempts"));
            assertEquals(SUBJECT, dead.getHeaders().getFirst("capa-original-subject"));
            assertTrue(dead.getHeaders().getFirst("capa-dead-letter-reason").contains("500"),
                    dead.getHeaders().getFirst("capa-dead-letter-reason"));
        }
        List<InputApp.Event> flaky = app.await("/nats-input", WAIT,
                list -> list.stream().anyMatch(e -> e.body().equals("flaky-" + run)));
        InputApp.Event accepted = flaky.stream().filter(e -> e.body().equals("flaky-" + run)).findFirst().orElseThrow();
        assertEquals("3", accepted.headers().get("capa-attempt"), "accepted on the third attempt");
        assertTrue(app.accepted("/nats-input").stream().noneMatch(e -> e.body().startsWith("poison-" + run)));
    }

    @Test
    void kafkaRecordsReachTheAppAndOffsetsAreCommittedAfterDelivery() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        Set<String> sent = produce(run, 30, null);
        List<InputApp.Event> events = app.await("/kafka-input", WAIT, list -> bodies(list, run).containsAll(sent));
        assertEquals(sent, new HashSet<>(bodies(events, run)), "every record reached the app");
        InputApp.Event one = events.stream().filter(e -> e.body().startsWith(run)).findFirst().orElseThrow();
        assertEquals(TOPIC, one.headers().get("topic"));
        assertNotNull(one.headers().get("offset"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap()))) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
            long deadline = System.nanoTime() + WAIT.toNanos();
            long committed = -1;
            while (committed < end && System.nanoTime() < deadline) {
                OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                        .get(partition);
                committed = offset == null ? -1 : offset.offset();
                Thread.sleep(100);
            }
            assertEquals(end, committed, "the group committed up to the end once everything was delivered");
        }
    }

    @Test
    void kafkaPoisonRecordsGoToTheDeadLetterTopic() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, "k-" + run, "poison-" + run)).get();
        }
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + run, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        ConsumerRecord<String, String> dead = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(DLQ_TOPIC));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (dead == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().equals("poison-" + run)) {
                        dead = record;
                    }
                }
            }
        }
        assertNotNull(dead, "the poison record on " + DLQ_TOPIC);
        assertEquals("k-" + run, dead.key());
        assertEquals("3", new String(dead.headers().lastHeader("capa-attempts").value(), StandardCharsets.UTF_8));
        assertTrue(new String(dead.headers().lastHeader("capa-original").value(), StandardCharsets.UTF_8)
                .startsWith(TOPIC + "/0@"));
    }

    @Test
    void aKafkaBrokerRestartInTheMiddleLosesNothing() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        CompletableFuture<Set<String>> producing = CompletableFuture.supplyAsync(() -> {
            try {
                return produce(run, 300, Duration.ofMillis(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1000);
        KafkaBroker.stop();
        Thread.sleep(2000);
        KafkaBroker.start();
        Set<String> sent = producing.get(120, TimeUnit.SECONDS);
        assertEquals(300, sent.size(), "the producer got every record acknowledged");

        List<InputApp.Event> events = app.await("/kafka-input", Duration.ofSeconds(120),
                list -> bodies(list, run).containsAll(sent));
        List<String> received = bodies(events, run);
        Set<String> missing = new HashSet<>(sent);
        missing.removeAll(received);
        assertEquals(Set.of(), missing, "records lost across the broker restart");
        Map<String, Long> counts = received.stream().collect(Collectors.groupingBy(b -> b, Collectors.counting()));
        long duplicates = counts.values().stream().filter(c -> c > 1).count();
        System.out.println("broker restart: " + sent.size() + " sent, " + received.size() + " delivered, "
                + duplicates + " delivered more than once (at-least-once)");
    }

    @Test
    void theInboundHealthCheckFollowsTheKafkaBroker() throws Exception {
        Map<String, String> before = awaitInbound(data -> data.getOrDefault("KafkaInputBinding", "").startsWith("UP"));
        for (String bean : List.of("NatsInputBinding", "JetStreamInputBinding", "KafkaInputBinding", "RedisStreamInputBinding",
                "CronInputBinding")) {
            assertTrue(before.getOrDefault(bean, "").startsWith("UP ("), bean + ": " + before);
        }
        assertTrue(before.get("KafkaInputBinding").contains(TOPIC), before.toString());
        KafkaBroker.stop();
        try {
            Map<String, String> down = awaitInbound(data -> data.getOrDefault("KafkaInputBinding", "").startsWith("DOWN"));
            assertTrue(down.get("KafkaInputBinding").contains("no connection to the Kafka brokers"), down.toString());
            assertTrue(down.get("NatsInputBinding").startsWith("UP"), "only the Kafka bean is affected: " + down);
        } finally {
            KafkaBroker.start();
        }
        awaitInbound(data -> data.getOrDefault("KafkaInputBinding", "").startsWith("UP"));
    }

    /** The data of readiness check {@code inbound} once {@code done} holds (the server stays ready: nothing is required). */
    private static Map<String, String> awaitInbound(java.util.function.Predicate<Map<String, String>> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> data = Map.of();
        while (System.nanoTime() < deadline) {
            java.net.http.HttpResponse<String> r = Sidecar.CLIENT.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(Sidecar.base() + "/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))) {
                for (jakarta.json.JsonValue check : reader.readObject().getJsonArray("checks")) {
                    jakarta.json.JsonObject c = check.asJsonObject();
                    if (c.getString("name").equals("inbound")) {
                        data = new HashMap<>();
                        for (Map.Entry<String, jakarta.json.JsonValue> e : c.getJsonObject("data").entrySet()) {
                            data.put(e.getKey(), ((jakarta.json.JsonString) e.getValue()).getString());
                        }
                    }
                }
            }
            if (done.test(data)) {
                return data;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness check 'inbound' never matched within " + WAIT + "; last: " + data);
    }

    private static Set<String> produce(String run, int count, Duration pause) throws Exception {
        Set<String> sent = new HashSet<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < count; i++) {
                String value = run + "-" + i;
                producer.send(new ProducerRecord<>(TOPIC, value)).get();
                sent.add(value);
                if (pause != null) {
                    Thread.sleep(pause.toMillis());
                }
            }
        }
        return sent;
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static List<InputApp.Event> runEvents(List<InputApp.Event> events, String run) {
        return events.stream().filter(e -> e.body().contains("\"run\":\"" + run + "\"")).toList();
    }

    private static List<String> bodies(List<InputApp.Event> events, String run) {
        List<String> bodies = new ArrayList<>();
        for (InputApp.Event event : events) {
            if (event.body().startsWith(run + "-")) {
                bodies.add(event.body());
            }
        }
        return bodies;
    }
}
