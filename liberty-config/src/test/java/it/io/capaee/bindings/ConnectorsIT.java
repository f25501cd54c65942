// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Connect v1 connectors run by the resource adapter and managed at {@code /v1.0-alpha1/connectors},
 * against the real NATS (JetStream) on 127.0.0.1:4222 and the build's Kafka broker: every message
 * sent is counted and compared at the other end.
 */
@ResourceLock(value = SharedResources.KAFKA, mode = ResourceAccessMode.READ)
@ResourceLock(value = SharedResources.DESIRED_STATE, mode = ResourceAccessMode.READ)
class ConnectorsIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String API = "/v1.0-alpha1/connectors";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path FUNCTION = Path.of(System.getProperty("capa.server.dir"), "functions", "conn-hello.wasm");

    private static Connection nats;
    private static final List<String> streams = new ArrayList<>();
    private static final List<String> connectors = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        nats = Nats.connect("nats://127.0.0.1:4222");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String id : connectors) {
            delete(id);
        }
        for (String stream : streams) {
            try {
                nats.jetStreamManagement().deleteStream(stream);
            } catch (JetStreamApiException e) {
                // already gone
            }
        }
        nats.close();
        Files.deleteIfExists(FUNCTION);
    }

    @Test
    void aNatsToKafkaConnectorMovesEveryMessage() throws Exception {
        String run = run();
        String subject = "capa.it." + PORT + ".n2k." + run;
        stream(subject);
        String topic = "capa-it-" + PORT + "-n2k-" + run;
        String id = deploy("n2k-" + run, """
                consumer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  stream: { subject: "%s" }
                sink:
                  type: kafka
                  config: { seed_brokers: [ "%s" ], topic: "%s" }
                """.formatted(subject, KafkaBroker.bootstrap(), topic));

        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String body = run + "-" + i;
            nats.jetStream().publish(NatsMessage.builder().subject(subject).data(body, StandardCharsets.UTF_8)
                    .headers(new Headers().add("X-Run", run)).build());
            sent.add(body);
        }
        List<ConsumerRecord<String, String>> received = consumeKafka(topic, sent.size());
        Set<String> values = new HashSet<>();
        received.forEach(r -> values.add(r.value()));
        assertEquals(sent, values, "every NATS message reached Kafka");
        assertEquals(run, new String(received.get(0).headers().lastHeader("X-Run").value(), StandardCharsets.UTF_8),
                "headers travel with the message");
        JsonObject status = awaitStatus(id, s -> s.getJsonNumber("out").longValue() >= 200);
        assertEquals("outlet", status.getString("kind"));
        assertEquals("running", status.getString("state"));
        assertEquals("nats_jetstream", status.getString("source"));
        assertEquals("kafka", status.getString("sink"));
        assertEquals(200, status.getJsonNumber("out").longValue(), "out counts each message once");
    }

    @Test
    void aKafkaToNatsConnectorMovesEveryMessage() throws Exception {
        String run = run();
        String topic = "capa-it-" + PORT + "-k2n-" + run;
        String out = "capa.it." + PORT + ".k2n." + run;
        Subscription subscription = nats.subscribe(out);
        nats.flush(Duration.ofSeconds(5));
        String document = """
                connector_id: k2n-%s
                description: Kafka to NATS
                steps:
                  source:
                    type: kafka
                    config: { seed_brokers: "%s", topics: [ "%s" ] }
                  producer:
                    nats: { url: "nats://127.0.0.1:4222" }
                    core: { subject: "%s" }
                """.formatted(run, KafkaBroker.bootstrap(), topic, out);
        // base64, as a Connect runtime takes its argument
        String id = deploy(null, Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8)));
        assertEquals("k2n-" + run, id, "the id comes from connector_id");

        Set<String> sent = produceKafka(topic, run, 200);
        Set<String> received = new HashSet<>();
        int messages = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!received.containsAll(sent) && System.nanoTime() < deadline) {
            Message m = subscription.nextMessage(Duration.ofMillis(500));
            if (m != null) {
                received.add(new String(m.getData(), StandardCharsets.UTF_8));
                messages++;
            }
        }
        assertEquals(sent, received, "every Kafka record reached NATS");
        JsonObject status = awaitStatus(id, s -> s.getJsonNumber("out").longValue() >= 200);
        assertEquals("inlet", status.getString("kind"));
        assertEquals("Kafka to NATS", status.getString("description"));
        assertEquals(200, status.getJsonNumber("out").longValue());
        assertTrue(messages >= 200, "at least once: " + messages);
    }

    @Test
    void aWasmTransformerRunsAFunctionOnEveryPayload() throws Exception {
        Path temp = Files.createTempFile(FUNCTION.getParent(), "drop-", ".tmp");
        Files.copy(Path.of(System.getProperty("capa.guests.dir"), "hello-http.wasm"), temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, FUNCTION, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitFunction("conn-hello");
        String run = run();
        String topic = "capa-it-" + PORT + "-wasm-" + run;
        String out = "capa.it." + PORT + ".wasm." + run;
        Subscription subscription = nats.subscribe(out);
        nats.flush(Duration.ofSeconds(5));
        String id = deploy("wasm-" + run, """
                source:
                  type: kafka
                  config: { seed_brokers: [ "%s" ], topics: [ "%s" ] }
                transformer:
                  wasm: { function: conn-hello, timeout: 10s }
                producer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  core: { subject: "%s" }
                """.formatted(KafkaBroker.bootstrap(), topic, out));
        Set<String> sent = produceKafka(topic, run, 20);
        Set<String> expected = new HashSet<>();
        sent.forEach(s -> expected.add("Hello " + s)); // hello-http answers "Hello " + the request body
        Set<String> received = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!received.containsAll(expected) && System.nanoTime() < deadline) {
            Message m = subscription.nextMessage(Duration.ofMillis(500));
            if (m != null) {
                received.add(new String(m.getData(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(expected, received, "every payload went through the function");
        assertEquals(1, status(id).getInt("transformers"));
    }

    @Test
    void anInvalidDocumentIsRefusedNamingTheFieldAndNothingIsDeployed() throws Exception {
        String id = "bad-" + run();
        HttpResponse<String> r = post(API + "?id=" + id, """
                source:
                  type: nats
                  config: { url: "nats://127.0.0.1:4222" }
                producer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  core: { subject: out }
                """);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = json(r.body()).asJsonObject();
        assertEquals("inlet.source.config.subject: required", problem.getString("detail"));
        assertEquals("inlet.source.config.subject", problem.getString("field"));
        assertEquals(404, get(API + "/" + id).statusCode(), "nothing was deployed");

        HttpResponse<String> encoded = post(API + "?id=" + id, Base64.getEncoder().encodeToString(
                "consumer:\n  nats: { url: 'nats://127.0.0.1:4222' }\n  core: {}\nsink: { type: kafka }\n"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, encoded.statusCode(), encoded.body());
        assertEquals("outlet.consumer.core.subject", json(encoded.body()).asJsonObject().getString("field"));

        HttpResponse<String> noAttempts = post(API + "?id=" + id, """
                consumer: { nats: { url: "nats://127.0.0.1:4222" }, stream: { subject: a } }
                sink: { type: http, config: { url: "http://127.0.0.1:1/", dead_letter: { max_attempts: 0 } } }
                """);
        assertEquals(400, noAttempts.statusCode(), noAttempts.body());
        assertEquals("outlet.sink.config.dead_letter.max_attempts", json(noAttempts.body()).asJsonObject().getString("field"));
        assertTrue(get(API).body().indexOf(id) < 0, "the list has no " + id);
    }

    @Test
    void aConnectorStopsStartsAndIsDeleted() throws Exception {
        String run = run();
        String in = "capa.it." + PORT + ".life." + run;
        String out = "capa.it." + PORT + ".life-out." + run;
        stream(in);
        Subscription subscription = nats.subscribe(out);
        nats.flush(Duration.ofSeconds(5));
        String id = deploy("life-" + run, """
                consumer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  stream: { subject: "%s" }
                sink:
                  type: nats
                  config: { subject: "%s" }
                """.formatted(in, out));
        publish(in, "a", 5);
        assertEquals(5, receive(subscription, 5, WAIT).size());
        // a message reaches the sink's subject before the source's ack counts it out: stopping earlier would
        // interrupt the acks still under way, and those messages would come again after the start
        Server.await(API + "/" + id, () -> get(API + "/" + id),
                r -> r.statusCode() == 200 && json(r.body()).asJsonObject().getJsonNumber("out").longValue() == 5, WAIT);

        HttpResponse<String> stopped = post(API + "/" + id + "/stop", "");
        assertEquals(200, stopped.statusCode(), stopped.body());
        assertEquals("stopped", json(stopped.body()).asJsonObject().getString("state"));
        assertEquals(false, json(stopped.body()).asJsonObject().getBoolean("connected"));
        publish(in, "b", 5);
        assertEquals(List.of(), receive(subscription, 1, Duration.ofSeconds(3)), "a stopped connector moves nothing");
        assertEquals(5, status(id).getJsonNumber("out").longValue());

        HttpResponse<String> started = post(API + "/" + id + "/start", "");
        assertEquals("running", json(started.body()).asJsonObject().getString("state"));
        assertEquals(Set.of("b-0", "b-1", "b-2", "b-3", "b-4"), new HashSet<>(receive(subscription, 5, WAIT)),
                "what came while stopped waited in the stream");

        assertEquals(204, delete(id).statusCode());
        connectors.remove(id);
        assertEquals(404, get(API + "/" + id).statusCode());
        assertEquals(404, delete(id).statusCode());
        assertEquals(404, post(API + "/" + id + "/start", "").statusCode());
        publish(in, "c", 2);
        assertEquals(List.of(), receive(subscription, 1, Duration.ofSeconds(2)), "a deleted connector moves nothing");
    }

    @Test
    void aTakenIdIsAConflict() throws Exception {
        String run = run();
        String document = "consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: capa.it.%s.dup.%s } }\n"
                .formatted(PORT, run) + "sink: { type: nats, config: { subject: capa.it.%s.dup-out.%s } }\n".formatted(PORT, run);
        deploy("dup-" + run, document);
        HttpResponse<String> again = post(API + "?id=dup-" + run, document);
        assertEquals(409, again.statusCode(), again.body());
    }

    @Test
    void aConnectorFileNamedInServerXmlRunsFromTheStart() throws Exception {
        JsonObject status = status("file-bridge");
        assertEquals("running", status.getString("state"));
        assertTrue(status.getBoolean("connected"), status.toString());
        assertTrue(status.getString("origin").startsWith("file:"), status.toString());
        String in = "capa.it." + PORT + ".file.in";
        Subscription subscription = nats.subscribe("capa.it." + PORT + ".file.out");
        nats.flush(Duration.ofSeconds(5));
        for (int i = 0; i < 10; i++) {
            nats.publish(in, ("f-" + i).getBytes(StandardCharsets.UTF_8)); // core NATS: the file's consumer is core
        }
        assertEquals(10, receive(subscription, 10, WAIT).size());
    }

    @Test
    void aMessageTheSinkKeepsRefusingBecomesADeadLetterAndTheOthersGoOn() throws Exception {
        String run = run();
        String subject = "capa.it." + PORT + ".dl." + run;
        String deadLetters = "capa.it." + PORT + ".dlq." + run;
        String stream = stream(subject);
        String deadLetterStream = stream(deadLetters); // with a stream, dead letters go through JetStream (stored, acked)
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer refusing = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean poison = body.contains("poison");
            if (!poison) {
                accepted.add(body);
            }
            exchange.sendResponseHeaders(poison ? 500 : 204, -1);
            exchange.close();
        });
        refusing.start();
        Subscription dlq = nats.subscribe(deadLetters);
        nats.flush(Duration.ofSeconds(5));
        try {
            String id = deploy("dl-" + run, """
                    consumer:
                      nats: { url: "nats://127.0.0.1:4222" }
                      stream: { subject: "%s" }
                    sink:
                      type: http
                      config:
                        url: "http://127.0.0.1:%d/in"
                        dead_letter: { max_attempts: 3, subject: "%s", backoff: 10ms, max_backoff: 50ms }
                    """.formatted(subject, refusing.getAddress().getPort(), deadLetters));
            List<String> good = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = (i == 7 ? "poison-" : "good-") + run + "-" + i;
                nats.jetStream().publish(NatsMessage.builder().subject(subject).data(body, StandardCharsets.UTF_8)
                        .headers(new Headers().add("X-Run", run)).build());
                if (i != 7) {
                    good.add(body);
                }
            }
            Message letter = dlq.nextMessage(WAIT);
            assertNotNull(letter, "the refused message reached the dead-letter subject");
            assertEquals("poison-" + run + "-7", new String(letter.getData(), StandardCharsets.UTF_8));
            assertEquals("3", letter.getHeaders().getFirst("capa-attempts"));
            assertEquals(id, letter.getHeaders().getFirst("capa-connector"));
            assertEquals(run, letter.getHeaders().getFirst("X-Run"), "the message's own headers go with it");
            assertTrue(letter.getHeaders().getFirst("capa-dead-letter-reason").contains("500"),
                    letter.getHeaders().getFirst("capa-dead-letter-reason"));
            JsonObject status = awaitStatus(id, s -> s.getJsonNumber("out").longValue() >= 19);
            assertEquals(1, status.getJsonNumber("deadLetters").longValue());
            assertEquals(19, status.getJsonNumber("out").longValue());
            assertEquals(3, status.getJsonNumber("errors").longValue(), "three refused attempts");
            assertTrue(status.getString("lastError").contains("500"), status.toString());
            assertEquals(new HashSet<>(good), new HashSet<>(accepted), "the other messages were delivered");
            assertEquals(null, dlq.nextMessage(Duration.ofMillis(500)), "one dead letter, not one per attempt");
            assertEquals(1, nats.jetStreamManagement().getStreamInfo(deadLetterStream).getStreamState().getMsgCount(),
                    "the dead letter is stored in the stream that takes its subject");
            assertEquals(0, nats.jetStreamManagement().getConsumerInfo(stream, "capa-connector-" + id).getNumAckPending(),
                    "every message, the dead letter too, was acknowledged");
        } finally {
            dlq.unsubscribe();
            refusing.stop(0);
        }
    }

    @Test
    void theRuntimeDescribesItselfTheConnectWay() throws Exception {
        HttpResponse<String> r = get(API + "/runtime");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject runtime = json(r.body()).asJsonObject();
        assertEquals("capa_ee", runtime.getJsonObject("runtime").getString("name"));
        assertEquals("1", runtime.getJsonObject("runtime").getString("model_version"));
        List<String> sources = runtime.getJsonArray("sources").stream().map(v -> v.asJsonObject().getString("name")).toList();
        assertEquals(List.of("nats", "nats_jetstream", "nats_kv", "kafka", "redis_streams", "mqtt", "rabbitmq", "http"), sources);
        JsonObject kafka = runtime.getJsonArray("sinks").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals("kafka")).findFirst().orElseThrow();
        assertEquals("sink", kafka.getString("kind"));
        assertTrue(kafka.getJsonArray("fields").size() >= 3);
        JsonObject deadLetter = kafka.getJsonArray("fields").stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getString("name").equals("dead_letter")).findFirst().orElseThrow();
        assertEquals("object", deadLetter.getString("type"));
        assertEquals(List.of("max_attempts", "subject", "backoff", "max_backoff"), deadLetter.getJsonArray("fields").stream()
                .map(f -> f.asJsonObject().getString("name")).toList());

        HttpResponse<String> file = get(API + "/runtime/sources/nats_jetstream.yml");
        assertEquals(200, file.statusCode());
        assertTrue(file.body().contains("kind: source"), file.body());
        assertEquals(404, get(API + "/runtime/sources/nope.yml").statusCode());
    }

    // --- helpers

    private static String run() {
        return Long.toHexString(System.nanoTime());
    }

    private static String stream(String subject) throws Exception {
        String name = "CAPA_IT_" + PORT + "_" + subject.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
        nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(subject)
                .storageType(StorageType.File).build());
        streams.add(name);
        return name;
    }

    private static void publish(String subject, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            nats.jetStream().publish(subject, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> receive(Subscription subscription, int count, Duration limit) throws Exception {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            Message m = subscription.nextMessage(Duration.ofMillis(200));
            if (m != null) {
                got.add(new String(m.getData(), StandardCharsets.UTF_8));
            }
        }
        return got;
    }

    private static String deploy(String id, String document) throws Exception {
        HttpResponse<String> r = post(API + (id == null ? "" : "?id=" + id), document);
        assertEquals(201, r.statusCode(), r.body());
        JsonObject status = json(r.body()).asJsonObject();
        assertEquals("running", status.getString("state"));
        connectors.add(status.getString("id"));
        awaitStatus(status.getString("id"), s -> s.getBoolean("connected")); // subscribed: nothing published now is missed
        return status.getString("id");
    }

    private static JsonObject status(String id) throws Exception {
        HttpResponse<String> r = get(API + "/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).asJsonObject();
    }

    private static JsonObject awaitStatus(String id, Predicate<JsonObject> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject last = status(id);
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = status(id);
        }
        assertTrue(done.test(last), "status of " + id + ": " + last);
        assertNotNull(last.getJsonNumber("in"));
        return last;
    }

    private static List<ConsumerRecord<String, String>> consumeKafka(String topic, int count) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (distinct.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                    distinct.add(record.value());
                }
            }
        }
        assertTrue(!records.isEmpty(), "no record on " + topic);
        return records;
    }

    private static Set<String> produceKafka(String topic, String run, int count) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Set<String> sent = new HashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count; i++) {
                String value = run + "-" + i;
                producer.send(new ProducerRecord<>(topic, "k" + i, value)).get();
                sent.add(value);
            }
        }
        return sent;
    }

    private static void awaitFunction(String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/wasm/functions/" + name).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the function " + name + " was not deployed from " + FUNCTION);
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Sidecar.CLIENT.send(HttpRequest.newBuilder(URI.create(Sidecar.base() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return Sidecar.CLIENT.send(HttpRequest.newBuilder(URI.create(Sidecar.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> delete(String id) throws Exception {
        return Sidecar.CLIENT.send(HttpRequest.newBuilder(URI.create(Sidecar.base() + API + "/" + id))
                .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
