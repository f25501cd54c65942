// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.connector;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The reference of the JetStream → Kafka benchmarks: plain jnats and kafka-clients in one thread,
 * a durable pull consumer fetching {@code fetch} at a time, producing with {@code producer}'s
 * settings, acknowledging each message after Kafka acknowledged it. {@code batched}: the fetched
 * messages are all sent, then each Kafka acknowledgement is awaited in order and its message
 * acked (what a connector does); else one synchronous send and ack per message (what the
 * JetStream input binding does).
 */
record PlainJetStreamKafkaLoop(String stream, String subject, String topic, int fetch, Map<String, Object> producer,
        boolean batched) {

    /** Producer settings on top of the build's broker: {@code key=value} pairs. */
    static Map<String, Object> producerSettings(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    /** Moves messages until {@code stop}. */
    void run(AtomicBoolean stop) {
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222");
                KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(producer, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            JetStreamSubscription subscription = nats.jetStream().subscribe(subject,
                    PullSubscribeOptions.builder().stream(stream).configuration(ConsumerConfiguration.builder()
                            .durable("plain").filterSubject(subject).ackPolicy(AckPolicy.Explicit)
                            .ackWait(Duration.ofSeconds(30)).build()).build());
            while (!stop.get()) {
                List<Message> messages = subscription.fetch(fetch, Duration.ofMillis(500));
                if (batched) {
                    List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
                    for (Message message : messages) {
                        sent.add(kafka.send(new ProducerRecord<>(topic, message.getData())));
                    }
                    for (int i = 0; i < sent.size(); i++) {
                        sent.get(i).get();
                        messages.get(i).ack();
                    }
                } else {
                    for (Message message : messages) {
                        kafka.send(new ProducerRecord<>(topic, message.getData())).get();
                        message.ack();
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("plain loop failed", e);
        }
    }
}
