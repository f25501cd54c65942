// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.connector;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.Server;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (run by {@code bench/connector.sh}): 1 KB messages from a JetStream
 * stream to a Kafka topic through a Connect connector (outlet {@code consumer.stream} → sink
 * {@code kafka}, deployed over {@code /v1.0-alpha1/connectors}), against a plain jnats →
 * kafka-clients loop doing what the connector does in one thread ({@link PlainJetStreamKafkaLoop}, batched):
 * pull fetch of 100, the whole batch sent to an idempotent {@code acks=all} producer with linger 0,
 * then each message acked in order after its Kafka ack.
 * Prints messages/s of each, the ratio, and the end-to-end latency p50/p99.
 */
class ConnectorBench {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final int MESSAGES = Integer.getInteger("capa.bench.messages", 20000);
    private static final int WARMUP = Integer.getInteger("capa.bench.warmup", 3000);
    private static final String STREAM = "CAPA_BENCH_" + PORT + "_CONNECTOR";
    private static final String SUBJECT = "capa.bench." + PORT + ".connector";
    private static final String TOPIC = "capa-bench-" + PORT + "-connector";
    private static final String PLAIN_STREAM = "CAPA_BENCH_" + PORT + "_CPLAIN";
    private static final String PLAIN_SUBJECT = "capa.bench." + PORT + ".cplain";
    private static final String PLAIN_TOPIC = "capa-bench-" + PORT + "-cplain";
    private static final String ID = "bench-" + PORT;

    @Test
    void jetStreamToKafkaThroughAConnector() throws Exception {
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            recreate(jsm, STREAM, SUBJECT);
            recreate(jsm, PLAIN_STREAM, PLAIN_SUBJECT);
            call(HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0-alpha1/connectors/" + ID)).DELETE());
            HttpResponse<String> deployed = call(HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0-alpha1/connectors?id=" + ID))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            consumer:
                              nats: { url: "nats://127.0.0.1:4222" }
                              stream: { subject: "%s" }
                            sink:
                              type: kafka
                              config: { seed_brokers: [ "%s" ], topic: "%s" }
                            """.formatted(SUBJECT, KafkaBroker.bootstrap(), TOPIC))));
            if (deployed.statusCode() != 201) {
                throw new AssertionError("connector not deployed: " + deployed.body());
            }
            AtomicBoolean stop = new AtomicBoolean();
            // what the connector does, in one thread of plain client code: its fetch size and producer settings
            PlainJetStreamKafkaLoop reference = new PlainJetStreamKafkaLoop(PLAIN_STREAM, PLAIN_SUBJECT, PLAIN_TOPIC, 100,
                    PlainJetStreamKafkaLoop.producerSettings(ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0), true);
            CompletableFuture<Void> plainLoop = CompletableFuture.runAsync(() -> reference.run(stop));
            try {
                JetStreamKafkaBench.run(nats, "capa", SUBJECT, TOPIC, WARMUP);
                JetStreamKafkaBench.run(nats, "plain", PLAIN_SUBJECT, PLAIN_TOPIC, WARMUP);
                JetStreamKafkaBench.Result capa = JetStreamKafkaBench.run(nats, "capa", SUBJECT, TOPIC, MESSAGES);
                JetStreamKafkaBench.Result plain = JetStreamKafkaBench.run(nats, "plain", PLAIN_SUBJECT, PLAIN_TOPIC, MESSAGES);
                System.out.println("BENCH connector " + capa.line());
                System.out.println("BENCH connector " + plain.line());
                System.out.printf("BENCH connector ratio capa/plain = %.2f (target >= 0.8)%n", capa.rate() / plain.rate());
                System.out.println(capa.percentiles("connector"));
                System.out.println(plain.percentiles("connector"));
                System.out.println(capa.result("connector.jetstream-kafka", plain, 0.9));
            } finally {
                stop.set(true);
                plainLoop.get(30, TimeUnit.SECONDS);
                call(HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0-alpha1/connectors/" + ID)).DELETE());
                jsm.deleteStream(STREAM);
                jsm.deleteStream(PLAIN_STREAM);
            }
        }
    }

    private static void recreate(JetStreamManagement jsm, String stream, String subject) throws Exception {
        try {
            jsm.deleteStream(stream);
        } catch (JetStreamApiException e) {
            // not there yet
        }
        jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.File).build());
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
        return Server.CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
