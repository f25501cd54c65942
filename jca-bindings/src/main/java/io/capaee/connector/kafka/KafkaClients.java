// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one way the adapter creates Kafka clients: byte-array producers, consumers and admin
 * clients for a {@link KafkaSettings}, with the caller's own client id and tuning on top. Each
 * caller states what is its own (acks, idempotence, linger, offsets reset); what every consumer
 * of the adapter shares (manual commits, a reconnect back-off of at most 5 s) is set here. The
 * caller owns the client and closes it.
 *
 * <p>kafka-clients loads configured classes through the thread's context class loader, which
 * inside Liberty is the calling application's; clients are therefore built with the adapter's own loader.
 */
public final class KafkaClients {
    private static final int RECONNECT_BACKOFF_MAX_MILLIS = 5000;
    private static final int MAX_REQUEST_TIMEOUT_MILLIS = 30_000;

    private KafkaClients() {
    }

    /** A producer named {@code clientId} with {@code config} (ProducerConfig keys) on top of the bootstrap servers. */
    public static KafkaProducer<byte[], byte[]> producer(KafkaSettings kafka, String clientId, Map<String, Object> config) {
        Properties props = properties(kafka, config);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return withOwnClassLoader(() -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /**
     * The timeouts of a producer whose callers wait {@code timeoutMillis} for an acknowledgement:
     * blocking and delivery within it, a request at most 30 s, and the delivery timeout at least
     * {@code linger.ms + request.timeout.ms}, as the producer insists.
     */
    public static Map<String, Object> producerTimeouts(int timeoutMillis, int lingerMillis) {
        int requestTimeout = Math.min(timeoutMillis, MAX_REQUEST_TIMEOUT_MILLIS);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMillis, lingerMillis + requestTimeout));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis);
        return config;
    }

    /**
     * A member of consumer group {@code groupId} named {@code clientId} that commits by itself
     * (auto-commit off), starting a new group at {@code autoOffsetReset} ({@code earliest} or
     * {@code latest}), with {@code config} (ConsumerConfig keys) on top.
     */
    public static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka, String groupId, String clientId,
            String autoOffsetReset, int maxPollRecords, Map<String, Object> config) {
        Properties props = properties(kafka, config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MILLIS);
        return withOwnClassLoader(() -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** An admin client (for health checks) whose requests time out after {@code timeoutMillis}. */
    public static Admin admin(KafkaSettings kafka, String clientId, int timeoutMillis) {
        Properties props = properties(kafka, Map.of());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        return withOwnClassLoader(() -> Admin.create(props));
    }

    private static Properties properties(KafkaSettings kafka, Map<String, Object> config) {
        Properties props = new Properties();
        props.putAll(config);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return props;
    }

    private static <T> T withOwnClassLoader(Supplier<T> create) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaClients.class.getClassLoader());
        try {
            return create.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
