// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The other components of the connector runtime against the real NATS (KV), Redis and Mosquitto: a
 * KV watch into a Redis stream, a Redis stream into a KV bucket, HTTP polling into NATS, NATS into an
 * HTTP sink (a wasm function that writes each body to Redis), MQTT into NATS and NATS into MQTT, RabbitMQ into
 * NATS and NATS into RabbitMQ.
 */
@ResourceLock(value = SharedResources.DESIRED_STATE, mode = ResourceAccessMode.READ)
class ConnectorComponentsIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final String API = "/v1.0-alpha1/connectors";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path FUNCTION = Path.of(System.getProperty("capa.server.dir"), "functions", "conn-http.wasm");

    private static Connection nats;
    private static JedisPooled redis;
    private static final List<String> buckets = new ArrayList<>();
    private static final List<String> keys = new ArrayList<>();
    private static final String GUEST_KEYS = "capa:fn:conn-http:";
    private static final List<String> connectors = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        nats = Nats.connect("nats://127.0.0.1:4222");
        redis = new JedisPooled("127.0.0.1", 6379);
        Path temp = Files.createTempFile(FUNCTION.getParent(), "drop-", ".tmp");
        Files.copy(Path.of(System.getProperty("capa.guests.dir"), "hello-http.wasm"), temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, FUNCTION, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String id : connectors) {
            send(HttpRequest.newBuilder(URI.create(Sidecar.base() + API + "/" + id)).DELETE());
        }
        for (String bucket : buckets) {
            nats.keyValueManagement().delete(bucket);
        }
        keys.forEach(redis::del);
        redis.close();
        nats.close();
        Files.deleteIfExists(FUNCTION);
    }

    @Test
    void aKvWatchFeedsARedisStream() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        KeyValue kv = bucket("capa_it_" + PORT + "_kvw_" + run);
        kv.put("before", "b0");
        String stream = "capa:it:" + PORT + ":kv:" + run;
        keys.add(stream);
        deploy("kvw-" + run, """
                consumer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  kv: { bucket: "%s" }
                sink:
                  type: redis_streams
                  config: { stream: "%s", body_key: value }
                """.formatted(kv.getBucketName(), stream));
        for (int i = 0; i < 5; i++) {
            kv.put("k" + i, "v" + i);
        }
        awaitValues(stream, Set.of("b0", "v0", "v1", "v2", "v3", "v4"), "the last value before the start, then every put");
        // Deleted only now: the bucket keeps one value per key, so a put deleted before the watch
        // fetched it is gone from the stream (a watch forwards what is there, as NATS KV watchers do).
        kv.delete("k0"); // a delete is not a value: skipped
        kv.put("after", "v9"); // behind the delete: once it arrived, the delete was handled
        awaitValues(stream, Set.of("b0", "v0", "v1", "v2", "v3", "v4", "v9"), "the put after the delete");
        assertEquals(7, redis.xlen(stream), "the delete was skipped");
    }

    private static void awaitValues(String stream, Set<String> expected, String what) throws InterruptedException {
        Set<String> values = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!values.containsAll(expected) && System.nanoTime() < deadline) {
            values.clear();
            for (StreamEntry entry : redis.xrange(stream, "-", "+")) {
                values.add(entry.getFields().get("value"));
            }
            Thread.sleep(200);
        }
        assertEquals(expected, values, what);
    }

    @Test
    void aRedisStreamFeedsAKvBucketThroughAnInlet() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        KeyValue kv = bucket("capa_it_" + PORT + "_kvs_" + run);
        String stream = "capa:it:" + PORT + ":rs:" + run;
        keys.add(stream);
        for (int i = 0; i < 10; i++) {
            redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("body", "v" + i, "n", Integer.toString(i)));
        }
        String id = deploy("rs-" + run, """
                source:
                  type: redis_streams
                  config: { url: "redis://127.0.0.1:6379", stream: "%s" }
                producer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  kv: { bucket: "%s", key: latest }
                """.formatted(stream, kv.getBucketName()));
        JsonObject status = awaitOut(id, 10);
        assertEquals(10, status.getJsonNumber("out").longValue());
        KeyValueEntry latest = kv.get("latest");
        assertEquals("v9", latest.getValueAsString());
        assertEquals(10, latest.getRevision(), "one put per entry, in stream order");
        assertEquals(0L, redis.xpending(stream, "capa-connector-" + id).getTotal(), "every entry acknowledged");
    }

    @Test
    void httpPollingFeedsNatsAndNatsFeedsAnHttpSink() throws Exception {
        awaitFunction("conn-http");
        String run = Long.toHexString(System.nanoTime());
        String polled = "capa.it." + PORT + ".poll." + run;
        Subscription subscription = nats.subscribe(polled);
        nats.flush(Duration.ofSeconds(5));
        deploy("poll-" + run, """
                source:
                  type: http
                  config: { url: "%s/wasm/functions/conn-http", interval: 200ms }
                producer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  core: { subject: "%s" }
                """.formatted(Sidecar.base(), polled));
        for (int i = 0; i < 3; i++) {
            Message m = subscription.nextMessage(WAIT);
            assertEquals("Hello empty", m == null ? null : new String(m.getData(), StandardCharsets.UTF_8), "poll " + i);
        }
        post(API + "/poll-" + run + "/stop", "");

        // NATS -> HTTP: the headers go along, so the function's redis mode stores each body under http:<body>,
        // in its own key namespace (capa:fn:<function>:)
        String in = "capa.it." + PORT + ".tohttp." + run;
        deploy("tohttp-" + run, """
                consumer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  core: { subject: "%s" }
                sink:
                  type: http
                  config: { url: "%s/wasm/functions/conn-http" }
                """.formatted(in, Sidecar.base()));
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            String body = run + "-" + i;
            keys.add(GUEST_KEYS + "http:" + body);
            nats.publish(NatsMessage.builder().subject(in).data(body, StandardCharsets.UTF_8)
                    .headers(new Headers().add("X-Reply-Mode", "redis")).build());
            sent.add(body);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<String> stored = new HashSet<>();
        while (stored.size() < sent.size() && System.nanoTime() < deadline) {
            for (String body : sent) {
                if (body.equals(redis.get(GUEST_KEYS + "http:" + body))) {
                    stored.add(body);
                }
            }
            Thread.sleep(200);
        }
        assertEquals(sent, stored, "every message reached the HTTP sink with its headers");
    }

    @Test
    void mqttFeedsNatsThroughAnInletAndNatsFeedsMqttThroughAnOutlet() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        String in = "capa/it/" + PORT + "/conn/" + run + "/in";
        String out = "capa/it/" + PORT + "/conn/" + run + "/out";
        String subject = "capa.it." + PORT + ".mqtt." + run;
        MqttClient mqtt = new MqttClient("tcp://127.0.0.1:1883", "capa-it-" + run, new MemoryPersistence());
        mqtt.connect();
        try {
            List<String> received = Collections.synchronizedList(new ArrayList<>());
            List<String> traces = Collections.synchronizedList(new ArrayList<>());
            mqtt.subscribe(new MqttSubscription[] {new MqttSubscription(out, 1)}, new IMqttMessageListener[] {(t, m) -> {
                received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                m.getProperties().getUserProperties().stream().filter(p -> p.getKey().equals("trace"))
                        .forEach(p -> traces.add(p.getValue()));
            }});
            deploy("mqtt-out-" + run, """
                    consumer:
                      nats: { url: "nats://127.0.0.1:4222" }
                      core: { subject: "%s" }
                    sink:
                      type: mqtt
                      config: { url: "tcp://127.0.0.1:1883", topic: "%s" }
                    """.formatted(subject, out));
            deploy("mqtt-in-" + run, """
                    source:
                      type: mqtt
                      config: { url: "tcp://127.0.0.1:1883", topic: "%s" }
                    producer:
                      nats: { url: "nats://127.0.0.1:4222" }
                      core: { subject: "%s" }
                    """.formatted(in, subject));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                MqttMessage message = new MqttMessage(("m" + i).getBytes(StandardCharsets.UTF_8), 1, false, null);
                MqttProperties properties = new MqttProperties();
                properties.setUserProperties(List.of(new UserProperty("trace", "t" + i)));
                message.setProperties(properties);
                mqtt.publish(in, message);
                sent.add("m" + i);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(sent, received, "every message, in order, through MQTT -> NATS -> MQTT");
            assertEquals(sent.stream().map(m -> "t" + m.substring(1)).toList(), traces, "user properties travel as headers");
        } finally {
            mqtt.disconnect();
            mqtt.close();
        }
    }

    @Test
    void rabbitMqFeedsNatsThroughAnInletAndNatsFeedsRabbitMqThroughAnOutlet() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        String in = "capa.it." + PORT + ".conn." + run + ".in";
        String out = "capa.it." + PORT + ".conn." + run + ".out";
        String subject = "capa.it." + PORT + ".rabbitmq." + run;
        try (com.rabbitmq.client.Connection rabbitMq = new com.rabbitmq.client.ConnectionFactory().newConnection("capa-it");
                com.rabbitmq.client.Channel channel = rabbitMq.createChannel()) {
            channel.queueDeclare(out, true, false, false, null);
            try {
                deploy("rabbitmq-out-" + run, """
                        consumer:
                          nats: { url: "nats://127.0.0.1:4222" }
                          core: { subject: "%s" }
                        sink:
                          type: rabbitmq
                          config: { url: "amqp://127.0.0.1:5672", routing_key: "%s" }
                        """.formatted(subject, out));
                deploy("rabbitmq-in-" + run, """
                        source:
                          type: rabbitmq
                          config: { url: "amqp://127.0.0.1:5672", queue: "%s" }
                        producer:
                          nats: { url: "nats://127.0.0.1:4222" }
                          core: { subject: "%s" }
                        """.formatted(in, subject));
                // the source declares its queue as it starts; publishing before would find no queue
                long ready = System.nanoTime() + WAIT.toNanos();
                while (!queueExists(channel, in) && System.nanoTime() < ready) {
                    Thread.sleep(100);
                }
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    channel.basicPublish("", in, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                            .headers(java.util.Map.of("trace", "t" + i)).build(), ("m" + i).getBytes(StandardCharsets.UTF_8));
                    sent.add("m" + i);
                }
                List<String> received = new ArrayList<>();
                List<String> traces = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (received.size() < sent.size() && System.nanoTime() < deadline) {
                    com.rabbitmq.client.GetResponse got = channel.basicGet(out, true);
                    if (got == null) {
                        Thread.sleep(100);
                        continue;
                    }
                    received.add(new String(got.getBody(), StandardCharsets.UTF_8));
                    traces.add(String.valueOf(got.getProps().getHeaders().get("trace")));
                }
                assertEquals(sent, received, "every message, in order, through RabbitMQ -> NATS -> RabbitMQ");
                assertEquals(sent.stream().map(m -> "t" + m.substring(1)).toList(), traces, "AMQP headers travel as headers");
            } finally {
                // the connectors first: a source whose queue went would declare it again
                for (String id : List.of("rabbitmq-out-" + run, "rabbitmq-in-" + run)) {
                    send(HttpRequest.newBuilder(URI.create(Sidecar.base() + API + "/" + id)).DELETE());
                    connectors.remove(id);
                }
                channel.queueDelete(out);
                channel.queueDelete(in);
            }
        }
    }

    private static boolean queueExists(com.rabbitmq.client.Channel channel, String queue) throws Exception {
        // a passive declare of a missing queue closes the channel: ask on a channel of its own
        try (com.rabbitmq.client.Channel probe = channel.getConnection().createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (java.io.IOException e) {
            return false;
        } catch (com.rabbitmq.client.AlreadyClosedException e) {
            return false;
        }
    }

    private static KeyValue bucket(String name) throws Exception {
        nats.keyValueManagement().create(KeyValueConfiguration.builder().name(name).storageType(StorageType.File)
                .maxHistoryPerKey(1).build());
        buckets.add(name);
        return nats.keyValue(name);
    }

    private static String deploy(String id, String document) throws Exception {
        HttpResponse<String> r = post(API + "?id=" + id, document);
        assertEquals(201, r.statusCode(), r.body());
        connectors.add(id);
        awaitConnected(id); // a core NATS subscription only gets what is published after it exists
        return id;
    }

    private static JsonObject awaitOut(String id, long out) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject status;
        do {
            Thread.sleep(200);
            status = json(send(HttpRequest.newBuilder(URI.create(Sidecar.base() + API + "/" + id))).body());
        } while (status.getJsonNumber("out").longValue() < out && System.nanoTime() < deadline);
        assertTrue(status.getJsonNumber("out").longValue() >= out, status.toString());
        return status;
    }

    private static void awaitConnected(String id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject status;
        do {
            status = json(send(HttpRequest.newBuilder(URI.create(Sidecar.base() + API + "/" + id))).body());
        } while (!status.getBoolean("connected") && System.nanoTime() < deadline && sleep());
        assertTrue(status.getBoolean("connected"), status.toString());
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }

    private static void awaitFunction(String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (send(HttpRequest.newBuilder(URI.create(Sidecar.base() + "/wasm/functions/" + name))).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the function " + name + " was not deployed from " + FUNCTION);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(Sidecar.base() + path)).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return Sidecar.CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
