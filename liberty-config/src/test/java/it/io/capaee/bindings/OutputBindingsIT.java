// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.SharedResources;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import redis.clients.jedis.JedisPooled;

/**
 * {@code POST /v1.0/bindings/{name}} against the bindings of the test server.xml: memory, and the
 * real Kafka (the build's broker), NATS core and JetStream, Redis, and an HTTP endpoint.
 */
@ResourceLock(SharedResources.KAFKA)
class OutputBindingsIT {

    @Test
    void memoryBindingCreatesGetsListsAndDeletes() throws Exception {
        String key = Sidecar.unique("mem");
        HttpResponse<String> created = Sidecar.invoke("memory",
                "{\"operation\":\"create\",\"data\":\"hello\",\"metadata\":{\"key\":\"" + key + "\"}}");
        assertEquals(204, created.statusCode(), created.body());
        assertEquals(key, created.headers().firstValue("metadata.key").orElse(null));

        HttpResponse<String> got = Sidecar.invoke("memory", "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + key + "\"}}");
        assertEquals(200, got.statusCode());
        assertEquals("hello", got.body(), "a JSON string is handed over as its text");

        Sidecar.invoke("memory", "{\"operation\":\"create\",\"data\":{\"n\":1},\"metadata\":{\"key\":\"" + key + "\"}}");
        assertEquals("{\"n\":1}", Sidecar.invoke("memory",
                "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + key + "\"}}").body(), "other JSON as JSON text");

        HttpResponse<String> list = Sidecar.invoke("memory", "{\"operation\":\"list\"}");
        assertTrue(list.body().contains("\"" + key + "\""), list.body());

        HttpResponse<String> deleted = Sidecar.invoke("memory", "{\"operation\":\"delete\",\"metadata\":{\"key\":\"" + key + "\"}}");
        assertEquals("true", deleted.headers().firstValue("metadata.deleted").orElse(null));
        assertEquals(204, Sidecar.invoke("memory", "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + key + "\"}}").statusCode());
    }

    @Test
    void badRequestsGetProblemsNamingTheFault() throws Exception {
        HttpResponse<String> unknownOp = Sidecar.invoke("memory", "{\"operation\":\"explode\"}");
        assertEquals(400, unknownOp.statusCode());
        assertTrue(unknownOp.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(unknownOp.body().contains("ERR_INVOKE_OUTPUT_BINDING") && unknownOp.body().contains("explode"),
                unknownOp.body());

        HttpResponse<String> missingKey = Sidecar.invoke("memory", "{\"operation\":\"create\",\"data\":\"x\"}");
        assertEquals(400, missingKey.statusCode());
        assertTrue(missingKey.body().contains("'key'"), missingKey.body());

        HttpResponse<String> notJson = Sidecar.invoke("memory", "{operation");
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("ERR_MALFORMED_REQUEST"), notJson.body());

        HttpResponse<String> noOperation = Sidecar.invoke("memory", "{\"data\":1}");
        assertEquals(400, noOperation.statusCode());
        assertTrue(noOperation.body().contains("operation"), noOperation.body());

        HttpResponse<String> badMetadata = Sidecar.invoke("memory", "{\"operation\":\"get\",\"metadata\":{\"key\":1}}");
        assertEquals(400, badMetadata.statusCode());
        assertTrue(badMetadata.body().contains("metadata.key"), badMetadata.body());

        HttpResponse<String> unknown = Sidecar.invoke("no-such-binding", "{\"operation\":\"create\"}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("eis/binding/no-such-binding"), unknown.body());
    }

    @Test
    void kafkaBindingProducesARecordWithKeyAndHeaders() throws Exception {
        String topic = Sidecar.unique("out");
        HttpResponse<String> created = Sidecar.invoke("kafka", "{\"operation\":\"create\",\"data\":{\"order\":7},"
                + "\"metadata\":{\"topic\":\"" + topic + "\",\"key\":\"o-7\",\"source\":\"it\"}}");
        assertEquals(204, created.statusCode(), created.body());
        assertEquals(topic, created.headers().firstValue("metadata.topic").orElse(null));
        assertEquals("0", created.headers().firstValue("metadata.offset").orElse(null));

        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> record = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (record == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    record = r;
                }
            }
            assertNotNull(record, "the record on " + topic);
            assertEquals("{\"order\":7}", record.value());
            assertEquals("o-7", record.key());
            assertEquals("it", new String(record.headers().lastHeader("source").value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void natsBindingPublishesAndRequests() throws Exception {
        String subject = Sidecar.unique("nats").replace('-', '.');
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            Subscription sub = nats.subscribe(subject);
            nats.flush(Duration.ofSeconds(2));
            HttpResponse<String> created = Sidecar.invoke("nats", "{\"operation\":\"create\",\"data\":\"ping\","
                    + "\"metadata\":{\"subject\":\"" + subject + "\",\"trace\":\"t1\"}}");
            assertEquals(204, created.statusCode(), created.body());
            Message message = sub.nextMessage(Duration.ofSeconds(5));
            assertNotNull(message, "the published message on " + subject);
            assertEquals("ping", new String(message.getData(), StandardCharsets.UTF_8));
            assertEquals("t1", message.getHeaders().getFirst("trace"));

            Dispatcher responder = nats.createDispatcher(m -> nats.publish(m.getReplyTo(),
                    ("pong:" + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
            responder.subscribe(subject + ".rpc");
            nats.flush(Duration.ofSeconds(2));
            HttpResponse<String> reply = Sidecar.invoke("nats", "{\"operation\":\"request\",\"data\":\"hi\","
                    + "\"metadata\":{\"subject\":\"" + subject + ".rpc\"}}");
            assertEquals(200, reply.statusCode(), reply.body());
            assertEquals("pong:hi", reply.body());

            HttpResponse<String> noResponder = Sidecar.invoke("nats", "{\"operation\":\"request\",\"data\":\"hi\","
                    + "\"metadata\":{\"subject\":\"" + subject + ".nobody\"}}");
            assertTrue(noResponder.statusCode() >= 500, noResponder.statusCode() + " " + noResponder.body());

            // the allow-list (capa.it.> here) never reaches JetStream's API: no stream deletion through the binding
            HttpResponse<String> delete = Sidecar.invoke("nats", "{\"operation\":\"request\",\"data\":\"\","
                    + "\"metadata\":{\"subject\":\"$JS.API.STREAM.DELETE.ANY\"}}");
            assertEquals(403, delete.statusCode(), delete.body());
            assertTrue(delete.body().contains("$JS.API.STREAM.DELETE.ANY") && delete.body().contains("allowedSubjects"),
                    delete.body());
            assertEquals(403, Sidecar.invoke("nats", "{\"operation\":\"create\",\"data\":\"x\","
                    + "\"metadata\":{\"subject\":\"other.subject\"}}").statusCode());
        }
    }

    @Test
    void jetStreamBindingPublishesWithTheStreamsAcknowledgement() throws Exception {
        String stream = Sidecar.unique("js").replace('-', '_');
        String subject = stream.replace('_', '.') + ".orders";
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject)
                    .storageType(StorageType.Memory).build());
            try {
                HttpResponse<String> created = Sidecar.invoke("jetstream", "{\"operation\":\"create\",\"data\":\"js-1\","
                        + "\"metadata\":{\"subject\":\"" + subject + "\"}}");
                assertEquals(204, created.statusCode(), created.body());
                assertEquals(stream, created.headers().firstValue("metadata.stream").orElse(null));
                assertEquals("1", created.headers().firstValue("metadata.sequence").orElse(null));
                MessageInfo stored = jsm.getMessage(stream, 1);
                assertEquals("js-1", new String(stored.getData(), StandardCharsets.UTF_8));

                HttpResponse<String> noStream = Sidecar.invoke("jetstream", "{\"operation\":\"create\",\"data\":\"x\","
                        + "\"metadata\":{\"subject\":\"" + subject + ".nostream.x\"}}");
                assertTrue(noStream.statusCode() >= 500, noStream.statusCode() + " " + noStream.body());
            } finally {
                jsm.deleteStream(stream);
            }
        }
    }

    @Test
    void redisBindingSetsWithTtlGetsAndDeletes() throws Exception {
        String key = Sidecar.unique("redis");
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            HttpResponse<String> created = Sidecar.invoke("redis", "{\"operation\":\"create\",\"data\":\"v1\","
                    + "\"metadata\":{\"key\":\"" + key + "\",\"ttlInSeconds\":\"60\"}}");
            assertEquals(204, created.statusCode(), created.body());
            assertEquals("v1", redis.get("capa:binding:" + key), "stored under the binding's keyPrefix");
            long ttl = redis.ttl("capa:binding:" + key);
            assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);

            HttpResponse<String> got = Sidecar.invoke("redis", "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + key + "\"}}");
            assertEquals(200, got.statusCode());
            assertEquals("v1", got.body());

            HttpResponse<String> badTtl = Sidecar.invoke("redis", "{\"operation\":\"create\",\"data\":\"v\","
                    + "\"metadata\":{\"key\":\"" + key + "\",\"ttlInSeconds\":\"soon\"}}");
            assertEquals(400, badTtl.statusCode());
            assertTrue(badTtl.body().contains("ttlInSeconds"), badTtl.body());

            Sidecar.invoke("redis", "{\"operation\":\"delete\",\"metadata\":{\"key\":\"" + key + "\"}}");
            assertEquals(null, redis.get("capa:binding:" + key));
            assertEquals(204, Sidecar.invoke("redis", "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + key + "\"}}")
                    .statusCode());
        }
    }

    @Test
    void readinessReportsEachBindingAndFollowsAKafkaOutage() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String before = bindingsCheck();
        while (before.contains("noansweryet") && System.nanoTime() < until) {
            Thread.sleep(500); // the first checks open the clients and may take longer than the probe's budget
            before = bindingsCheck();
        }
        for (String binding : List.of("kafka", "nats", "jetstream", "redis", "memory")) {
            assertTrue(before.contains("\"" + binding + "\":\"UP\""), binding + " in " + before);
        }
        KafkaBroker.stop();
        try {
            String during = bindingsCheck();
            assertTrue(during.contains("\"kafka\":\"DOWN"), during);
            assertFalse(during.contains("\"status\":\"DOWN\""), "kafka is not required: still ready; " + during);
            HttpResponse<String> refused = Sidecar.invoke("kafka", "{\"operation\":\"create\",\"data\":\"x\","
                    + "\"metadata\":{\"topic\":\"" + Sidecar.unique("outage") + "\"}}");
            assertEquals(503, refused.statusCode(), refused.body());
        } finally {
            KafkaBroker.start();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String after = bindingsCheck();
        while (!after.contains("\"kafka\":\"UP\"") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            after = bindingsCheck();
        }
        assertTrue(after.contains("\"kafka\":\"UP\""), "the producer reconnected by itself: " + after);
        HttpResponse<String> created = Sidecar.invoke("kafka", "{\"operation\":\"create\",\"data\":\"x\","
                + "\"metadata\":{\"topic\":\"" + Sidecar.unique("after") + "\"}}");
        assertEquals(204, created.statusCode(), created.body());
    }

    /** The {@code /health/ready} JSON without white space. */
    private static String bindingsCheck() throws Exception {
        HttpResponse<String> ready = Sidecar.CLIENT.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(Sidecar.base() + "/health/ready")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = ready.body().replaceAll("\\s+", "");
        assertTrue(body.contains("\"name\":\"bindings\""), "no bindings check in " + body);
        return body;
    }

    @Test
    void httpBindingCallsTheConfiguredUrlWithPathAndHeaders() throws Exception {
        int port = Integer.parseInt(System.getProperty("http-binding.port"));
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        app.createContext("/app/echo", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = (exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Order") + " "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("X-Reply", "yes");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        try {
            HttpResponse<String> echoed = Sidecar.invoke("http", "{\"operation\":\"post\",\"data\":\"payload\","
                    + "\"metadata\":{\"path\":\"/echo\",\"X-Order\":\"42\"}}");
            assertEquals(200, echoed.statusCode(), echoed.body());
            assertEquals("POST 42 payload", echoed.body());
            assertEquals("201", echoed.headers().firstValue("metadata.statusCode").orElse(null));
            assertEquals("yes", echoed.headers().firstValue("metadata.x-reply").orElse(null));

            HttpResponse<String> missing = Sidecar.invoke("http", "{\"operation\":\"get\",\"metadata\":{\"path\":\"/nothing\"}}");
            assertEquals(500, missing.statusCode(), missing.body());
            assertEquals("404", missing.headers().firstValue("metadata.statusCode").orElse(null));
            // the status comes back as metadata; the detail names the binding, not the URL it called
            assertTrue(missing.body().contains("output binding http"), missing.body());
            assertFalse(missing.body().contains("127.0.0.1"), missing.body());
        } finally {
            app.stop(0);
        }
    }
}
