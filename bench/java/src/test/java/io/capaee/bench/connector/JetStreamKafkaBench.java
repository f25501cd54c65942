// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (run by {@code bench/connector-jetstream-kafka.sh}): 1 KB messages
 * from a JetStream stream to a Kafka topic, through Capa EE (the JetStream input binding with
 * target {@code binding:kafka}: durable pull consumer, fetch 10, one synchronous Kafka send per
 * message, ack after Kafka's ack) and through a plain jnats → kafka-clients loop doing exactly that
 * in one thread, with the same producer settings. Prints messages/s of each, the ratio, and the
 * end-to-end latency p99 (publish to Kafka consumer).
 */
class JetStreamKafkaBench {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final int MESSAGES = Integer.getInteger("capa.bench.messages", 20000);
    private static final int WARMUP = Integer.getInteger("capa.bench.warmup", 3000);
    private static final int SIZE = 1024;
    private static final String CAPA_SUBJECT = "capa.bench." + PORT + ".jsinput";
    private static final String CAPA_TOPIC = "capa-bench-" + PORT + "-pipeline";
    private static final String PLAIN_STREAM = "CAPA_BENCH_" + PORT + "_PLAIN";
    private static final String PLAIN_SUBJECT = "capa.bench." + PORT + ".plain";
    private static final String PLAIN_TOPIC = "capa-bench-" + PORT + "-plain";

    /** One measured run. */
    record Result(String name, int messages, double seconds, long[] latenciesMicros) {
        double rate() {
            return messages / seconds;
        }

        long percentile(double p) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        String line() {
            return String.format("%-6s %7d msgs in %6.2f s = %8.0f msgs/s, latency p50 %6.1f ms, p99 %6.1f ms",
                    name, messages, seconds, rate(), percentile(0.50) / 1000.0, percentile(0.99) / 1000.0);
        }

        /** The PCTL line of bench/lib.sh: latency percentiles in milliseconds, for bench/all.sh's report. */
        String percentiles(String bench) {
            return String.format(Locale.ROOT, "PCTL name=%s who=%s p50=%.3f p90=%.3f p99=%.3f", bench, name,
                    percentile(0.50) / 1000.0, percentile(0.90) / 1000.0, percentile(0.99) / 1000.0);
        }

        /** The RESULT line of bench/lib.sh: this run (ours) against the reference's, messages per second. */
        String result(String bench, Result reference, double target) {
            return String.format(Locale.ROOT, "RESULT name=%s ours=%.1f ref=%.1f ratio=%.3f unit=msgs/s target=%s better=higher",
                    bench, rate(), reference.rate(), rate() / reference.rate(), target);
        }
    }

    @Test
    void jetStreamToKafka() throws Exception {
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            try {
                jsm.deleteStream(PLAIN_STREAM);
            } catch (JetStreamApiException e) {
                // not there yet
            }
            jsm.addStream(StreamConfiguration.builder().name(PLAIN_STREAM).subjects(PLAIN_SUBJECT)
                    .storageType(StorageType.File).build());
            AtomicBoolean stop = new AtomicBoolean();
            // what the input binding does: fetch 10, one synchronous send per message, the build's producer settings
            PlainJetStreamKafkaLoop reference = new PlainJetStreamKafkaLoop(PLAIN_STREAM, PLAIN_SUBJECT, PLAIN_TOPIC, 10,
                    PlainJetStreamKafkaLoop.producerSettings(ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.LINGER_MS_CONFIG, Integer.getInteger("capa.bench.kafka.linger-millis", 5),
                            ProducerConfig.BATCH_SIZE_CONFIG, 65536), false);
            CompletableFuture<Void> plainLoop = CompletableFuture.runAsync(() -> reference.run(stop));
            try {
                run(nats, "capa", CAPA_SUBJECT, CAPA_TOPIC, WARMUP);
                run(nats, "plain", PLAIN_SUBJECT, PLAIN_TOPIC, WARMUP);
                Result capa = run(nats, "capa", CAPA_SUBJECT, CAPA_TOPIC, MESSAGES);
                Result plain = run(nats, "plain", PLAIN_SUBJECT, PLAIN_TOPIC, MESSAGES);
                System.out.println("BENCH " + capa.line());
                System.out.println("BENCH " + plain.line());
                System.out.printf("BENCH ratio capa/plain = %.2f (target >= 0.8)%n", capa.rate() / plain.rate());
                System.out.println(capa.percentiles("input-binding"));
                System.out.println(plain.percentiles("input-binding"));
                System.out.println(capa.result("input-binding.jetstream-kafka", plain, 0.8));
            } finally {
                stop.set(true);
                plainLoop.get(30, TimeUnit.SECONDS);
                jsm.deleteStream(PLAIN_STREAM);
            }
        }
    }

    /** Publishes {@code count} messages and waits until all of them are read back from {@code topic} (also used by ConnectorBench). */
    static Result run(Connection nats, String name, String subject, String topic, int count) throws Exception {
        String run = Long.toHexString(System.nanoTime());
        long[] latencies = new long[count];
        boolean[] seen = new boolean[count];
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(run)) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            JetStream js = nats.jetStream();
            long start = System.nanoTime();
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(js.publishAsync(subject, payload(run, i)));
                if (acks.size() >= 500) {
                    acks.forEach(CompletableFuture::join);
                    acks.clear();
                }
            }
            acks.forEach(CompletableFuture::join);
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (received < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String[] parts = new String(record.value(), 0, 64, StandardCharsets.US_ASCII).split("\\|");
                    if (!parts[0].equals(run)) {
                        continue;
                    }
                    int seq = Integer.parseInt(parts[1]);
                    if (!seen[seq]) {
                        seen[seq] = true;
                        latencies[seq] = nowMicros() - Long.parseLong(parts[2]);
                        received++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(count, received, name + ": every message reached Kafka");
            return new Result(name, count, seconds, latencies);
        }
    }

    private static byte[] payload(String run, int seq) {
        byte[] data = new byte[SIZE];
        Arrays.fill(data, (byte) 'x');
        byte[] head = (run + "|" + seq + "|" + nowMicros() + "|").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, data, 0, head.length);
        return data;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String run) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + run);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
