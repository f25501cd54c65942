// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.kafka;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.kafka.KafkaClients;
import io.capaee.connector.kafka.KafkaLag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Polls once a turn (turns never overlap, as a consumer needs), delivers each record with
 * retries, and commits a partition's offset only past records that were delivered or
 * dead-lettered. While a record waits for its retry, nothing more is polled. When a dead letter
 * cannot be written, every partition with records in hand is rewound to its first one, which the
 * next poll hands over again: nothing a topic handed over is skipped.
 */
final class KafkaInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(KafkaInboundEndpoint.class.getName());
    private static final long HEALTH_CHECK_NANOS = 1_000_000_000L;
    private static final long DEAD_LETTER_TIMEOUT_MILLIS = 10_000;
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaConsumerSettings settings;
    private final String target;
    private final DeliveryLine<Taken<ConsumerRecord<byte[], byte[]>>> line;
    private final Map<TopicPartition, OffsetAndMetadata> settled = new LinkedHashMap<>(); // not committed yet
    private KafkaConsumer<byte[], byte[]> consumer; // touched by turns only
    private long lastHealthCheck = System.nanoTime() - HEALTH_CHECK_NANOS; // touched by turns only
    private KafkaProducer<byte[], byte[]> deadLetters; // touched by turns only

    KafkaInboundEndpoint(KafkaConsumerSettings settings, String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.settings = settings;
        this.target = target;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, (records, first) -> rewind(records));
    }

    @Override
    protected void open() {
        KafkaConsumer<byte[], byte[]> created = KafkaClients.consumer(settings.kafka(), settings.groupId(),
                "capa-ee-inbound-" + settings.groupId(), settings.autoOffsetReset(), settings.maxPollRecords(), Map.of());
        consumer = created;
        created.subscribe(settings.topics());
    }

    @Override
    protected long turn() {
        // no wakeup() on a stop: a turn's poll is short, and a pending wakeup would fail the
        // commit of records already delivered
        // read while records wait for a retry too: that is when a lag builds up
        readLag(() -> KafkaLag.of(consumer, settings.autoOffsetReset().equals("earliest"), LAG_TIMEOUT));
        long wait = deliver();
        if (wait > 0 || stopping()) {
            return wait;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(TURN_WAIT);
        reportConnections(consumer);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            line.add(new Taken<>(record, message(record)));
        }
        wait = deliver();
        return wait > 0 || !records.isEmpty() ? wait : IDLE;
    }

    /** Delivers what is in line, then commits what was settled. */
    private long deliver() {
        try {
            return line.deliver(this::stopping);
        } finally {
            commit();
        }
    }

    @Override
    protected void close() {
        line.handBack(); // not committed: the group hands them over again
        settled.clear();
        KafkaConsumer<byte[], byte[]> current = consumer;
        consumer = null;
        try {
            if (current != null) {
                current.close(Duration.ofSeconds(5));
            }
        } finally {
            closeDeadLetters();
        }
    }

    /** A record delivered or dead-lettered is committed past; false when neither (it must come again). */
    private boolean settle(Taken<ConsumerRecord<byte[], byte[]>> taken, DeliveryOutcome outcome) {
        ConsumerRecord<byte[], byte[]> record = taken.original();
        if (outcome.delivered() || deadLetter(record, outcome)) {
            settled.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            return true;
        }
        return false;
    }

    /** Each partition of {@code records} back to its first one there, so that the next poll hands them over again. */
    private void rewind(List<Taken<ConsumerRecord<byte[], byte[]>>> records) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (Taken<ConsumerRecord<byte[], byte[]>> taken : records) {
            ConsumerRecord<byte[], byte[]> record = taken.original();
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(consumer::seek);
    }

    private void commit() {
        if (settled.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(settled);
        } catch (KafkaException e) {
            // the records were delivered; a lost commit means they come again (at-least-once)
            LOG.log(Level.WARNING, describe() + ": commit of " + settled + " failed", e);
        }
        settled.clear();
    }

    private InboundMessage message(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> metadata = new HashMap<>();
        for (Header header : record.headers()) {
            metadata.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        metadata.put("topic", record.topic());
        metadata.put("partition", Integer.toString(record.partition()));
        metadata.put("offset", Long.toString(record.offset()));
        metadata.put("timestamp", Long.toString(record.timestamp()));
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new InboundMessage("kafka", record.topic(), key, record.value(), metadata, 1, target);
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, DeliveryOutcome outcome) {
        String topic = settings.deadLetterTopic().isEmpty() ? record.topic() + ".dlq" : settings.deadLetterTopic();
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()));
        letter.headers().add("capa-dead-letter-reason", oneLine(outcome.reason()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add("capa-attempts", Integer.toString(outcome.attempts()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add("capa-original", (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters().send(letter).get(DEAD_LETTER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            LOG.log(Level.WARNING, "{0}: record {1}/{2}@{3} sent to dead-letter topic {4} after {5} attempt(s)",
                    new Object[] {describe(), record.topic(), record.partition(), record.offset(), topic,
                        outcome.attempts()});
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.log(Level.WARNING, describe() + ": dead letter to " + topic + " failed; the record will come again", e);
            return false;
        }
    }

    private KafkaProducer<byte[], byte[]> deadLetters() {
        if (deadLetters == null) {
            deadLetters = KafkaClients.producer(settings.kafka(), "capa-ee-dead-letters-" + settings.groupId(),
                    Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DEAD_LETTER_TIMEOUT_MILLIS));
        }
        return deadLetters;
    }

    private void closeDeadLetters() {
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
            deadLetters = null;
        }
    }


    private static String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n]+", " ");
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    /**
     * The consumer retries a lost broker inside {@code poll} without throwing: its
     * {@code connection-count} metric tells whether it is connected. Read by the polling thread
     * (the consumer is not thread-safe), at most once a second.
     */
    private void reportConnections(KafkaConsumer<byte[], byte[]> consumer) {
        long now = System.nanoTime();
        if (now - lastHealthCheck < HEALTH_CHECK_NANOS) {
            return;
        }
        lastHealthCheck = now;
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            if (metric.getKey().name().equals("connection-count") && metric.getKey().group().equals("consumer-metrics")) {
                if (metric.getValue().metricValue() instanceof Number n && n.doubleValue() > 0) {
                    up();
                } else {
                    down("no connection to the Kafka brokers " + settings.kafka().bootstrapServers());
                }
                return;
            }
        }
    }

    @Override
    public String describe() {
        return "kafka inbound " + String.join(",", settings.topics()) + " (group " + settings.groupId() + ")";
    }
}
