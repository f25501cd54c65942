// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubException;
import io.capaee.connector.kafka.KafkaClients;
import io.capaee.connector.kafka.KafkaLag;
import io.capaee.connector.outbound.SharedBackendBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

/**
 * Kafka: a topic is the Kafka topic {@code prefix + topic}, a consumer group is a Kafka consumer
 * group. Publishing waits for the broker's acknowledgement ({@code acks=all}). Each subscription
 * is one consumer, polled in the subscription's turns; offsets are committed only past messages the handler
 * accepted, so a refused message is read again (after {@code redeliverAfterMillis}, the partition
 * paused meanwhile) and nothing is skipped, here or on another server of the group. Where a
 * partition starts for the group (its newest offset by default) is committed as soon as it is
 * assigned, so that a partition that moves later (a rebalance, a member the group dropped during a
 * broker outage, a subscription started again) goes on from there and not from a newer "newest".
 * Partitions move between the group's consumers with the cooperative protocol, so a new
 * subscription of the app does not stop the others. The clients reconnect by themselves after an
 * outage.
 */
public final class KafkaPubSubBroker extends SharedBackendBase implements Broker {
    private static final Logger LOG = Logger.getLogger(KafkaPubSubBroker.class.getName());
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final long RETRY_PAUSE_MILLIS = 1000;
    private static final int MAX_POLL_RECORDS = 100;

    private final KafkaPubSubSettings settings;
    private KafkaProducer<byte[], byte[]> producer; // guarded by this

    public KafkaPubSubBroker(KafkaPubSubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void publish(String topic, byte[] message, Map<String, String> headers) {
        String name = kafkaTopic(topic);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(name, message);
        headers.forEach((header, value) -> record.headers().add(header, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PubSubException("interrupted while publishing to kafka topic " + name, e);
        } catch (TimeoutException e) {
            throw new PubSubException("kafka " + settings.kafka().bootstrapServers() + " did not acknowledge a message to "
                    + name + " within " + settings.timeoutMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new PubSubException("kafka " + settings.kafka().bootstrapServers() + " refused a message to " + name + ": "
                    + e.getCause(), e.getCause());
        } catch (KafkaException e) {
            throw new PubSubException("kafka producer failed for " + name + ": " + e, e);
        }
    }

    @Override
    public BrokerSource open(String topic, String group) {
        String name = kafkaTopic(topic);
        ensureTopic(name);
        return new Source(name, group);
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.putIfAbsent(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** A new subscription waits (bounded) until the group gave it its partitions, so that a publish right after it is seen. */
    @Override
    public long readyWaitMillis() {
        return settings.timeoutMillis();
    }

    /** Asks for the topic's partitions, which creates it where the broker auto-creates topics. */
    private void ensureTopic(String name) {
        try {
            producer().partitionsFor(name);
        } catch (KafkaException e) {
            // not fatal: the consumer keeps asking, and the topic may be created later
            LOG.log(Level.WARNING, "kafka {0}: no partitions for topic {1} yet: {2}",
                    new Object[] {settings.kafka().bootstrapServers(), name, e.getMessage()});
        }
    }

    private String kafkaTopic(String topic) {
        String name = settings.topicPrefix() + topic;
        if (!LEGAL.matcher(name).matches()) {
            throw new PubSubException("'" + name + "' is not a Kafka topic name: use letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed()) {
            throw new PubSubException("the kafka broker " + settings.kafka().bootstrapServers() + " is closed");
        }
        if (producer == null) {
            Map<String, Object> config = KafkaClients.producerTimeouts(settings.timeoutMillis(), settings.lingerMillis());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = KafkaClients.producer(settings.kafka(), "capa-ee-pubsub", config);
        }
        return producer;
    }

    @Override
    public boolean stopped() {
        return closed();
    }

    @Override
    protected void release() {
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    /**
     * One subscription: a consumer of the group. Offsets are committed past acknowledged records
     * before each poll (and on close); a released record rewinds its partition to itself and pauses
     * it for {@code redeliverAfterMillis}, so the records after it in the batch are stale: they come
     * again after it.
     */
    private final class Source implements BrokerSource, ConsumerRebalanceListener {
        private final String topic;
        private final String group;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
        private final Set<TopicPartition> startsToCommit = new HashSet<>();
        private final Map<TopicPartition, OffsetAndMetadata> acked = new HashMap<>();
        private final Set<TopicPartition> rewound = new HashSet<>(); // in the batch being delivered
        private volatile boolean assigned;
        private long quietUntil = System.nanoTime(); // after a failed poll: no poll before this

        Source(String topic, String group) {
            this.topic = topic;
            this.group = group;
            try {
                consumer = KafkaClients.consumer(settings.kafka(), group, "capa-ee-pubsub-" + group + "-" + UUID.randomUUID(),
                        settings.oldest() ? "earliest" : "latest", MAX_POLL_RECORDS, Map.of(
                                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()));
            } catch (KafkaException e) {
                throw new PubSubException("kafka " + settings.kafka().bootstrapServers() + ": cannot create a consumer for " + topic
                        + ": " + e, e);
            }
            consumer.subscribe(List.of(topic), this);
        }

        @Override
        public boolean ready() {
            return assigned;
        }

        @Override
        public long lag() {
            return KafkaLag.of(consumer, settings.oldest(), Duration.ofMillis(settings.timeoutMillis()));
        }

        @Override
        public List<BrokerMessage> take(Duration wait) {
            if (closed()) {
                throw new PubSubException("the kafka broker " + settings.kafka().bootstrapServers() + " is closed");
            }
            rewound.clear();
            if (System.nanoTime() - quietUntil < 0) {
                return List.of();
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
                resumeDue();
                commitAcked(new HashSet<>(acked.keySet()));
                commitStarts();
                records = consumer.poll(wait);
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                // the same consumer goes on (it reconnects by itself); a new one would make the group rebalance
                LOG.log(Level.WARNING, "kafka {0}: consuming {1} for group {2} failed, retrying in {3} ms: {4}",
                        new Object[] {settings.kafka().bootstrapServers(), topic, group, RETRY_PAUSE_MILLIS, e.toString()});
                quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS);
                return List.of();
            }
            List<BrokerMessage> messages = new ArrayList<>(records.count());
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    // abandoned: not committed past, so the partition's next reader starts there
                    messages.add(new BrokerMessage(record.value() == null ? new byte[0] : record.value(),
                            () -> acked.put(partition, new OffsetAndMetadata(record.offset() + 1)),
                            () -> rewind(partition, record.offset()), () -> rewound.add(partition),
                            () -> rewound.contains(partition), headers(record)));
                }
            }
            return messages;
        }

        /** Commits past the acknowledged records of {@code partitions}; a lost commit means they come again (at least once). */
        private void commitAcked(Set<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = acked.get(partition);
                if (offset != null) {
                    offsets.put(partition, offset);
                }
            }
            if (offsets.isEmpty()) {
                return;
            }
            acked.keySet().removeAll(offsets.keySet());
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "kafka " + settings.kafka().bootstrapServers() + ": commit of " + offsets + " failed", e);
            }
        }

        /**
         * Commits where newly assigned partitions stand (the next message to handle): for a partition
         * the group has no offset for yet, that fixes where the group starts. Without it, a refused
         * message (never committed past) or one published while the partition moved would be skipped
         * by the partition's next consumer, which would resolve "newest" again. A failed commit is
         * tried again before the next poll; polling goes on meanwhile (a rebalance needs it).
         */
        private void commitStarts() {
            if (startsToCommit.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
            try {
                for (TopicPartition partition : startsToCommit) {
                    if (consumer.assignment().contains(partition)) {
                        starts.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                    }
                }
                consumer.commitSync(starts, Duration.ofMillis(settings.timeoutMillis()));
                startsToCommit.clear();
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "kafka {0}: where group {1} starts on {2} is not committed yet, trying again: {3}",
                        new Object[] {settings.kafka().bootstrapServers(), group, startsToCommit, e.toString()});
            }
        }

        private void resumeDue() {
            long now = System.currentTimeMillis();
            for (Iterator<Map.Entry<TopicPartition, Long>> it = pausedUntil.entrySet().iterator(); it.hasNext();) {
                Map.Entry<TopicPartition, Long> e = it.next();
                if (e.getValue() <= now) {
                    if (consumer.assignment().contains(e.getKey())) {
                        consumer.resume(List.of(e.getKey()));
                    }
                    it.remove();
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition p : partitions) {
                consumer.position(p); // resolves "latest" now, so nothing published after subscribe() returned is skipped
            }
            startsToCommit.addAll(partitions);
            if (!partitions.isEmpty()) {
                assigned = true;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitAcked(new HashSet<>(partitions)); // still this consumer's: the next one starts past what was handled
            partitions.forEach(pausedUntil::remove);
            startsToCommit.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(acked::remove);
            partitions.forEach(pausedUntil::remove);
            startsToCommit.removeAll(partitions);
        }

        @Override
        public void close() {
            try {
                commitAcked(new HashSet<>(acked.keySet()));
            } catch (KafkaException e) {
                LOG.log(Level.FINE, "kafka: last commit of {0} failed: {1}", new Object[] {topic, e.toString()});
            }
            try {
                consumer.close(Duration.ofMillis(settings.timeoutMillis()));
            } catch (KafkaException e) {
                LOG.log(Level.FINE, "kafka: closing the consumer of {0} failed: {1}", new Object[] {topic, e.toString()});
            }
        }

        /** A record must come again: here after a pause, or on the consumer the partition moves to. */
        private void rewind(TopicPartition partition, long offset) {
            consumer.seek(partition, offset);
            consumer.pause(List.of(partition));
            pausedUntil.put(partition, System.currentTimeMillis() + settings.redeliverAfterMillis());
            rewound.add(partition);
        }
    }
}
