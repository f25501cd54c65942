// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.MessageHandler;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.api.pubsub.PubSubSubscription;
import io.capaee.connector.kafka.KafkaClients;
import io.capaee.connector.outbound.SharedBackend;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
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

/**
 * Kafka: a topic is the Kafka topic {@code prefix + topic}, a consumer group is a Kafka consumer
 * group. Publishing waits for the broker's acknowledgement ({@code acks=all}). Each subscription
 * is one consumer polling in its own thread; offsets are committed only past messages the handler
 * accepted, so a refused message is read again (after {@code redeliverAfterMillis}, the partition
 * paused meanwhile) and nothing is skipped, here or on another server of the group. Where a
 * partition starts for the group (its newest offset by default) is committed as soon as it is
 * assigned, so that a partition that moves later (a rebalance, a member the group dropped during a
 * broker outage, a subscription started again) goes on from there and not from a newer "newest".
 * Partitions move between the group's consumers with the cooperative protocol, so a new
 * subscription of the app does not stop the others. The clients reconnect by themselves after an
 * outage.
 */
public final class KafkaPubSubBroker implements Broker, SharedBackend {
    private static final Logger LOG = Logger.getLogger(KafkaPubSubBroker.class.getName());
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int MAX_POLL_RECORDS = 100;

    private final KafkaPubSubSettings settings;
    private KafkaProducer<byte[], byte[]> producer; // guarded by this
    private volatile boolean closed;

    public KafkaPubSubBroker(KafkaPubSubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void publish(String topic, byte[] message) {
        String name = kafkaTopic(topic);
        try {
            producer().send(new ProducerRecord<>(name, message)).get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
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
    public PubSubSubscription subscribe(String topic, String group, MessageHandler handler, Executor executor) {
        String name = kafkaTopic(topic);
        ensureTopic(name);
        Consumer consumer = new Consumer(name, group, handler);
        executor.execute(consumer);
        consumer.awaitAssignment();
        return consumer;
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
        if (closed) {
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
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    private final class Consumer implements Runnable, PubSubSubscription, ConsumerRebalanceListener {
        private final String topic;
        private final String group;
        private final MessageHandler handler;
        private final CountDownLatch assigned = new CountDownLatch(1);
        private final Map<TopicPartition, Long> pausedUntil = new HashMap<>(); // only the polling thread
        private final Set<TopicPartition> startsToCommit = new HashSet<>(); // only the polling thread
        private volatile KafkaConsumer<byte[], byte[]> consumer;
        private volatile boolean stopped;

        Consumer(String topic, String group, MessageHandler handler) {
            this.topic = topic;
            this.group = group;
            this.handler = handler;
        }

        /** Waits (bounded) until the group gave this consumer its partitions, so that a publish right after subscribe is seen. */
        void awaitAssignment() {
            try {
                if (!assigned.await(settings.timeoutMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "kafka {0}: group {1} has not assigned topic {2} within {3} ms; consuming"
                            + " starts when it does", new Object[] {settings.kafka().bootstrapServers(), group, topic,
                                settings.timeoutMillis()});
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            KafkaConsumer<byte[], byte[]> created;
            try {
                created = KafkaClients.consumer(settings.kafka(), group, "capa-ee-pubsub-" + group + "-" + UUID.randomUUID(),
                        settings.oldest() ? "earliest" : "latest", MAX_POLL_RECORDS, Map.of(
                                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()));
            } catch (KafkaException e) {
                LOG.log(Level.SEVERE, "kafka " + settings.kafka().bootstrapServers() + ": cannot create a consumer for " + topic, e);
                assigned.countDown();
                return;
            }
            consumer = created;
            try (created) {
                created.subscribe(List.of(topic), this);
                while (!stopped && !closed) {
                    try {
                        resumeDue(created);
                        commitStarts(created);
                        ConsumerRecords<byte[], byte[]> records = created.poll(POLL);
                        for (TopicPartition partition : records.partitions()) {
                            handle(created, partition, records.records(partition));
                        }
                    } catch (WakeupException e) {
                        // close() woke the poll up; the loop condition ends it
                    } catch (InterruptException e) {
                        return; // the container stops the thread: the application is stopping
                    } catch (KafkaException e) {
                        LOG.log(Level.WARNING, "kafka {0}: consuming {1} for group {2} failed, retrying in 1 s: {3}",
                                new Object[] {settings.kafka().bootstrapServers(), topic, group, e.toString()});
                        sleep(1000);
                    }
                }
            } catch (WakeupException | InterruptException e) {
                // closing
            } finally {
                consumer = null;
                assigned.countDown();
            }
        }

        private void handle(KafkaConsumer<byte[], byte[]> c, TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
            long next = -1;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (stopped || closed || !handled(record)) {
                    // the record must come again: here after a pause, or on the consumer the partition moves to
                    c.seek(partition, record.offset());
                    if (!stopped && !closed) {
                        c.pause(List.of(partition));
                        pausedUntil.put(partition, System.currentTimeMillis() + settings.redeliverAfterMillis());
                    }
                    break;
                }
                next = record.offset() + 1;
            }
            if (next >= 0) {
                try {
                    c.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // handled already; a lost commit means the records come again (at least once)
                    LOG.log(Level.WARNING, "kafka " + settings.kafka().bootstrapServers() + ": commit of " + partition + " at "
                            + next + " failed", e);
                }
            }
        }

        private boolean handled(ConsumerRecord<byte[], byte[]> record) {
            try {
                return handler.handle(record.value() == null ? new byte[0] : record.value());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a handler of kafka topic " + topic + " failed; the message will be delivered again", e);
                return false;
            }
        }

        /**
         * Commits where newly assigned partitions stand (the next message to handle): for a partition
         * the group has no offset for yet, that fixes where the group starts. Without it, a refused
         * message (never committed past) or one published while the partition moved would be skipped
         * by the partition's next consumer, which would resolve "newest" again. A failed commit is
         * tried again before the next poll; polling goes on meanwhile (a rebalance needs it).
         */
        private void commitStarts(KafkaConsumer<byte[], byte[]> c) {
            if (startsToCommit.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
            try {
                for (TopicPartition partition : startsToCommit) {
                    if (c.assignment().contains(partition)) {
                        starts.put(partition, new OffsetAndMetadata(c.position(partition)));
                    }
                }
                c.commitSync(starts, Duration.ofMillis(settings.timeoutMillis()));
                startsToCommit.clear();
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "kafka {0}: where group {1} starts on {2} is not committed yet, trying again: {3}",
                        new Object[] {settings.kafka().bootstrapServers(), group, startsToCommit, e.toString()});
            }
        }

        private void resumeDue(KafkaConsumer<byte[], byte[]> c) {
            long now = System.currentTimeMillis();
            for (Iterator<Map.Entry<TopicPartition, Long>> it = pausedUntil.entrySet().iterator(); it.hasNext();) {
                Map.Entry<TopicPartition, Long> e = it.next();
                if (e.getValue() <= now) {
                    if (c.assignment().contains(e.getKey())) {
                        c.resume(List.of(e.getKey()));
                    }
                    it.remove();
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                for (TopicPartition p : partitions) {
                    c.position(p); // resolves "latest" now, so nothing published after subscribe() returned is skipped
                }
            }
            startsToCommit.addAll(partitions);
            if (!partitions.isEmpty()) {
                assigned.countDown();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove); // offsets are committed as records are handled
            startsToCommit.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
            startsToCommit.removeAll(partitions);
        }

        @Override
        public void close() {
            stopped = true;
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
