// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.kafka;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.SubjectAllowList;
import io.capaee.connector.kafka.KafkaClients;
import io.capaee.connector.outbound.SharedBackendBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Operation {@code create}: the data is the record value; metadata {@code key} is the record key,
 * {@code topic} overrides the binding's topic (when the allow-list lets it), every other entry becomes a record header. Returns
 * no data and the metadata {@code topic}, {@code partition}, {@code offset}.
 */
final class KafkaProducerTransport extends SharedBackendBase implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("create");

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final KafkaProducerSettings settings;
    private final SubjectAllowList allowed;
    private final KafkaProducer<byte[], byte[]> producer;
    private static final int CHECK_TIMEOUT_MILLIS = 2000;
    private Admin admin; // guarded by this; for health checks only

    KafkaProducerTransport(KafkaProducerSettings settings, SubjectAllowList allowed) {
        this.settings = settings;
        this.allowed = allowed;
        Map<String, Object> config = KafkaClients.producerTimeouts(settings.timeoutMillis(), settings.lingerMillis());
        config.put(ProducerConfig.ACKS_CONFIG, settings.acks());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchBytes());
        this.producer = KafkaClients.producer(settings.kafka(), "capa-ee-binding", config);
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        String topic = request.metadata("topic") != null ? request.metadata("topic") : settings.topic();
        if (topic.isEmpty()) {
            throw new OutputBindingException(Reason.BAD_REQUEST,
                    "the binding has no topic configured: give the metadata 'topic'");
        }
        if (!topic.equals(settings.topic())) {
            if (!TOPIC.matcher(topic).matches()) {
                throw new OutputBindingException(Reason.BAD_REQUEST, "metadata 'topic' '" + topic
                        + "' is not a Kafka topic name (1-249 letters, digits, '.', '_', '-')");
            }
            allowed.check(topic);
        }
        String key = request.metadata("key");
        List<Header> headers = new ArrayList<>();
        request.metadata().forEach((name, value) -> {
            if (!name.equals("topic") && !name.equals("key")) {
                headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), request.data(), headers);
        try {
            RecordMetadata sent = producer.send(record).get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
            return BindingResponse.empty(Map.of("topic", sent.topic(), "partition",
                    Integer.toString(sent.partition()), "offset", Long.toString(sent.offset())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputBindingException(Reason.UNAVAILABLE, "interrupted while producing to " + topic, e);
        } catch (TimeoutException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "kafka did not acknowledge the record for "
                    + topic + " within " + settings.timeoutMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Reason reason = cause instanceof RetriableException ? Reason.UNAVAILABLE : Reason.FAILED;
            throw new OutputBindingException(reason, "kafka refused the record for " + topic + ": " + cause, cause);
        } catch (KafkaException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "kafka producer failed for " + topic + ": " + e, e);
        }
    }

    /** Asks the cluster for its nodes, with an admin client opened on first use. */
    @Override
    public void check() {
        try {
            int nodes = admin().describeCluster().nodes().get(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                throw new OutputBindingException(Reason.UNAVAILABLE, "kafka " + settings.kafka().bootstrapServers() + " has no nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputBindingException(Reason.UNAVAILABLE, "interrupted checking kafka", e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, "kafka " + settings.kafka().bootstrapServers()
                    + " did not answer: " + e, e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = KafkaClients.admin(settings.kafka(), "capa-ee-binding-health", CHECK_TIMEOUT_MILLIS);
        }
        return admin;
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public String describe() {
        return "kafka " + settings.kafka().bootstrapServers();
    }

    @Override
    protected void release() {
        producer.close(java.time.Duration.ofSeconds(5));
        synchronized (this) {
            if (admin != null) {
                admin.close(java.time.Duration.ofSeconds(2));
            }
        }
    }
}
