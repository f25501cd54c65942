// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capaee.bench.support.BenchServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.Deliveries;
import it.io.capaee.support.Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (run by {@code bench/pubsub.sh}): publish → delivery through Capa
 * EE's pub/sub on Kafka, on NATS JetStream and on MQTT ({@code POST /v1.0/publish/{broker}/{topic}} from
 * {@code CONCURRENCY} client threads, each waiting for its 204; the server delivers each CloudEvent
 * to this test's subscriber app over HTTP and commits/acks after the app's 2xx) against a plain
 * client loop on the same broker with the same acknowledgements: kafka-clients producers
 * ({@code acks=all}, one synchronous send per message per thread, same linger) and a consumer
 * committing after each polled batch; jnats JetStream synchronous publishes and a durable pull
 * consumer acking each message; Paho QoS 1 synchronous publishes and a subscriber acking each message. Prints messages/s (first publish to last delivery), the p99 of
 * publish-to-delivery latency, and the ratio of our throughput to the reference's.
 */
class PubSubBench {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final int MESSAGES = Integer.getInteger("capa.bench.messages", 20000);
    private static final int WARMUP = Integer.getInteger("capa.bench.warmup", 20000);
    /**
     * MQTT's counts, smaller: the plain Paho loop (manual acknowledgements) stops receiving after a few thousand
     * messages (4,502 of 5,000 arrived), so MQTT measures a server that is not warm yet.
     */
    private static final int MQTT_MESSAGES = Integer.getInteger("capa.bench.mqtt.messages", 2000);
    private static final int MQTT_WARMUP = Integer.getInteger("capa.bench.mqtt.warmup", 500);
    private static final int CONCURRENCY = Integer.getInteger("capa.bench.concurrency", 8);
    private static final int SIZE = Integer.getInteger("capa.bench.size", 256);
    private static final int LINGER = Integer.getInteger("capa.bench.pubsub.linger-millis", 0);
    /** The deliveries a subscription has under way at once ({@code maxConcurrentDeliveries}; 1: one at a time, in order). */
    private static final int DELIVERIES = Integer.getInteger("capa.bench.pubsub.deliveries", 1);
    /** How long the subscriber app takes to answer each delivery (0: at once), as an app doing I/O per message would. */
    private static final int APP_DELAY = Integer.getInteger("capa.bench.pubsub.app-delay-millis", 0);
    /** What the report lines are named after: the broker, the deliveries at once when more than one, the app's delay. */
    private static final String SUFFIX = (DELIVERIES > 1 ? "-x" + DELIVERIES : "") + (APP_DELAY > 0 ? "-app" + APP_DELAY + "ms" : "");
    /** Records a JFR profile of the server during each measured Capa EE run, into bench/results/pubsub-BROKER.jfr. */
    private static final boolean PROFILE = Boolean.getBoolean("capa.bench.profile");
    /** The brokers to measure, in this order (all four by default). */
    private static final List<String> BROKERS = List.of(System.getProperty("capa.bench.pubsub.brokers", "kafka,jetstream,rabbitmq,mqtt")
            .split(","));
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /**
     * Messages an MQTT publisher (the plain loop's, and through Capa EE) may have published and not yet seen
     * delivered: Mosquitto keeps at most {@code max_queued_messages} (1000) per subscriber session and drops the rest.
     */
    private static final int WINDOW = 500;
    private static final String PAD = "x".repeat(SIZE);
    private static final HttpRequester PUBLISHER = RequesterBootstrap.bootstrap().setMaxTotal(CONCURRENCY * 2)
            .setDefaultMaxPerRoute(CONCURRENCY * 2).create();

    /** Deliveries of one measured run: latencies in publish order of arrival, and when the last came. */
    private static final class Run {
        final long[] latencies;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicLong lastNanos = new AtomicLong();
        final CountDownLatch done;

        Run(int n) {
            latencies = new long[n];
            done = new CountDownLatch(n);
        }

        void delivered(long sentNanos) {
            long now = System.nanoTime();
            int i = seen.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = now - sentNanos;
                lastNanos.set(now);
                done.countDown();
            }
        }
    }

    private volatile Run current;

    private static byte[] payload() {
        return ("{\"t\":" + System.nanoTime() + ",\"p\":\"" + PAD + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The publish time from a payload or from a CloudEvent around it. */
    private static long sentAt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
        int i = s.indexOf("\"t\":") + 4;
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return Long.parseLong(s.substring(i, j));
    }

    @Test
    void publishToDeliveryAgainstPlainClients() throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("app.port")), 64);
        app.setExecutor(Executors.newFixedThreadPool(Math.max(4, 2 * DELIVERIES)));
        String subs = "[" + sub("kafka") + "," + sub("jetstream") + "," + sub("mqtt") + "," + sub("rabbitmq") + "]";
        app.createContext("/dapr/subscribe", x -> answer(x, subs));
        app.createContext("/bench", x -> {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (APP_DELAY > 0) {
                try {
                    Thread.sleep(APP_DELAY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Run run = current;
            if (run != null) {
                run.delivered(sentAt(body));
            }
            answer(x, "");
        });
        app.start();
        try {
            Server.await("/v1.0/metadata", r -> r.body().contains("bench-kafka-" + RUN) && r.body().contains("bench-jetstream-" + RUN)
                    && r.body().contains("bench-mqtt-" + RUN) && r.body().contains("bench-rabbitmq-" + RUN), Duration.ofSeconds(90));
            // each broker's lines are printed once it is measured, so that a later broker's failure keeps them
            for (String broker : BROKERS) {
                StringBuilder report = new StringBuilder();
                String url = Server.base() + "/v1.0/publish/" + broker + "/bench-" + broker + "-" + RUN;
                boolean windowed = broker.equals("mqtt"); // as the plain MQTT loop: see WINDOW
                int messages = windowed ? MQTT_MESSAGES : MESSAGES;
                measure(n -> publishOverHttp(url, n, windowed), windowed ? MQTT_WARMUP : WARMUP);
                Optional<BenchServer> server = BenchServer.find("bench");
                Duration cpuBefore = server.map(BenchServer::cpu).orElse(Duration.ZERO);
                if (PROFILE && server.isPresent()) {
                    server.get().startRecording("pubsub-" + broker);
                }
                Result capa = measure(n -> publishOverHttp(url, n, windowed), messages);
                if (PROFILE && server.isPresent()) {
                    server.get().stopRecording("pubsub-" + broker, Path.of("../results/pubsub-" + broker + ".jfr"));
                }
                Duration serverCpu = server.map(BenchServer::cpu).orElse(Duration.ZERO).minus(cpuBefore);
                Result plain = switch (broker) {
                    case "kafka" -> plainKafka();
                    case "jetstream" -> plainJetStream();
                    case "mqtt" -> plainMqtt();
                    default -> plainRabbitMq();
                };
                line(report, broker + " capa-ee", capa);
                report.append(String.format(Locale.ROOT, "BENCH %s server CPU per message (publish and delivery): %.0f us%n", broker,
                        serverCpu.toNanos() / 1e3 / messages));
                line(report, broker + " plain", plain);
                report.append(String.format("BENCH %s ratio (capa-ee / plain msgs/s): %.2f%n", broker, capa.perSecond() / plain.perSecond()));
                // the lines of bench/lib.sh that bench/all.sh draws: percentiles in ms, then ours against the plain loop
                for (var who : List.of(Map.entry("capa-ee", capa), Map.entry("plain", plain))) {
                    report.append(String.format(Locale.ROOT, "PCTL name=pubsub.%s who=%s p50=%.3f p99=%.3f%n", broker + SUFFIX, who.getKey(),
                            who.getValue().p50() / 1e6, who.getValue().p99() / 1e6));
                }
                report.append(String.format(Locale.ROOT, "RESULT name=pubsub.%s ours=%.1f ref=%.1f ratio=%.3f unit=msgs/s target=0.8 better=higher%n",
                        broker + SUFFIX, capa.perSecond(), plain.perSecond(), capa.perSecond() / plain.perSecond()));
                System.out.print(report);
                System.out.flush();
            }
        } finally {
            app.stop(0);
            deleteRabbitMqTopology("bench-rabbitmq-" + RUN, "bench-" + PORT + "-bench-rabbitmq-" + RUN);
        }
    }

    private static String sub(String broker) {
        return "{\"pubsubname\":\"" + broker + "\",\"topic\":\"bench-" + broker + "-" + RUN + "\",\"route\":\"/bench\","
                + "\"metadata\":{\"maxConcurrentDeliveries\":\"" + DELIVERIES + "\"}}";
    }

    private static void answer(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    private record Result(int messages, long nanos, long p50, long p99) {
        double perSecond() {
            return messages / (nanos / 1e9);
        }
    }

    private static void line(StringBuilder report, String what, Result r) {
        report.append(String.format("BENCH %-16s %,8d msgs  %,9.0f msgs/s  p50 %6.1f ms  p99 %6.1f ms%n", what, r.messages(),
                r.perSecond(), r.p50() / 1e6, r.p99() / 1e6));
    }

    @FunctionalInterface
    private interface Publisher {
        void publish(int n) throws Exception;
    }

    /** Publishes {@code n} messages with {@code publisher} and waits for their deliveries into {@link #current}. */
    private Result measure(Publisher publisher, int n) throws Exception {
        Run run = new Run(n);
        current = run;
        long start = System.nanoTime();
        publisher.publish(n);
        // a run fails when nothing more arrives for a minute (a lost message never comes)
        int seen = -1;
        long lastProgress = System.nanoTime();
        while (!run.done.await(1, TimeUnit.SECONDS)) {
            int now = run.seen.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(60)) {
                throw new AssertionError("only " + now + " of " + n + " messages delivered, none for 60 s");
            }
        }
        current = null;
        long[] sorted = run.latencies.clone();
        Arrays.sort(sorted);
        return new Result(n, run.lastNanos.get() - start, sorted[n / 2], sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]);
    }

    /** {@code CONCURRENCY} threads, each sending the next message until {@code n} were sent. */
    private static void concurrently(int n, Publisher one) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<Object>> all = pool.invokeAll(java.util.Collections.nCopies(CONCURRENCY, () -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    one.publish(i);
                }
                return null;
            }));
            for (Future<Object> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Publishes through the server's HTTP API on Apache HttpCore's blocking client (the client of bench/actors.sh):
     * the JDK's {@code HttpClient} hands every request between its selector and executor threads, and on two
     * cores the load generator's own cost would be counted against the server.
     */
    private void publishOverHttp(String url, int n, boolean windowed) throws Exception {
        // the server closes a connection idle for its persistTimeout (30 s), as during a plain loop: not one to reuse
        PUBLISHER.closeIdle(TimeValue.ofSeconds(10));
        URI uri = URI.create(url);
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
        Timeout timeout = Timeout.ofSeconds(30);
        concurrently(n, i -> {
            if (windowed) {
                awaitWindow(i);
            }
            ClassicHttpRequest request = ClassicRequestBuilder.post().setHttpHost(host).setPath(uri.getRawPath())
                    .setEntity(new ByteArrayEntity(payload(), ContentType.APPLICATION_JSON)).build();
            try (ClassicHttpResponse r = PUBLISHER.execute(host, request, timeout, HttpCoreContext.create())) {
                String body = r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity());
                assertEquals(204, r.getCode(), body);
            }
        });
    }

    private Result plainKafka() throws Exception {
        String topic = "capa-bench-" + PORT + "-plain-" + RUN;
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, LINGER);
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap());
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + RUN);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch assigned = new CountDownLatch(1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // creates the topic
            Thread consumer = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

                        @Override
                        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                            assigned.countDown();
                        }
                    });
                    while (!stop.get()) {
                        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(250));
                        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            Run run = current;
                            if (run != null) {
                                run.delivered(sentAt(r.value()));
                            }
                            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                        }
                        if (!offsets.isEmpty()) {
                            c.commitSync(offsets);
                        }
                    }
                }
            }, "bench-plain-kafka");
            consumer.start();
            assigned.await(30, TimeUnit.SECONDS);
            Publisher send = n -> concurrently(n, i -> producer.send(new ProducerRecord<>(topic, payload())).get());
            measure(send, WARMUP);
            Result result = measure(send, MESSAGES);
            stop.set(true);
            consumer.join(10_000);
            return result;
        }
    }

    private Result plainJetStream() throws Exception {
        String stream = "CAPA_BENCH_" + PORT + "_PLAIN_" + RUN.toUpperCase();
        String subject = "capa.bench." + PORT + ".plain." + RUN;
        AtomicBoolean stop = new AtomicBoolean();
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.File).build());
            try {
                JetStream js = nats.jetStream();
                JetStreamSubscription sub = js.subscribe(subject, PullSubscribeOptions.builder().stream(stream)
                        .configuration(ConsumerConfiguration.builder().durable("bench").ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofSeconds(60)).build()).build());
                Thread consumer = new Thread(() -> {
                    while (!stop.get()) {
                        for (Message m : sub.fetch(32, Duration.ofMillis(500))) {
                            Run run = current;
                            if (run != null) {
                                run.delivered(sentAt(m.getData()));
                            }
                            m.ack();
                        }
                    }
                }, "bench-plain-jetstream");
                consumer.start();
                Publisher send = n -> concurrently(n, i -> js.publish(subject, payload()));
                measure(send, WARMUP);
                Result result = measure(send, MESSAGES);
                stop.set(true);
                consumer.join(10_000);
                return result;
            } finally {
                try {
                    jsm.deleteStream(stream);
                } catch (JetStreamApiException | IOException e) {
                    System.err.println("could not delete " + stream + ": " + e);
                }
            }
        }
    }

    /** Waits while more than {@link #WINDOW} messages before message {@code i} are not delivered yet. */
    private void awaitWindow(int i) throws InterruptedException {
        Run run = current;
        while (run != null && i - run.seen.get() > WINDOW) {
            Thread.sleep(1);
        }
    }

    /**
     * A subscriber acking each message, and a Paho client per publishing thread, QoS 1: raw Paho refuses
     * publishes beyond the broker's window instead of waiting, so a raw loop gives each thread its own.
     */
    private Result plainMqtt() throws Exception {
        String topic = "capa/bench/" + PORT + "/plain/" + RUN;
        MqttClient subscriber = new MqttClient("tcp://127.0.0.1:1883", "capa-bench-sub-" + RUN, new MemoryPersistence());
        List<MqttClient> publishers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ThreadLocal<MqttClient> publisher = ThreadLocal.withInitial(() -> {
            try {
                MqttClient client = new MqttClient("tcp://127.0.0.1:1883", "capa-bench-pub-" + UUID.randomUUID(),
                        new MemoryPersistence());
                client.connect();
                publishers.add(client);
                return client;
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            subscriber.setManualAcks(true);
            subscriber.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String t, MqttMessage m) throws Exception {
                    Run run = current;
                    if (run != null) {
                        run.delivered(sentAt(m.getPayload()));
                    }
                    subscriber.messageArrivedComplete(m.getId(), m.getQos());
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {}

                @Override
                public void mqttErrorOccurred(MqttException exception) {}

                @Override
                public void deliveryComplete(IMqttToken token) {}

                @Override
                public void connectComplete(boolean reconnect, String serverUri) {}

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            subscriber.connect();
            subscriber.subscribe(topic, 1);
            // Mosquitto keeps at most max_queued_messages (1000) per session and drops the rest: the publishers
            // wait while more than WINDOW messages are published and not yet delivered
            Publisher send = n -> concurrently(n, i -> {
                awaitWindow(i);
                publisher.get().publish(topic, new MqttMessage(payload(), 1, false, null));
            });
            measure(send, MQTT_WARMUP);
            return measure(send, MQTT_MESSAGES);
        } finally {
            for (MqttClient client : publishers) {
                client.disconnect();
                client.close();
            }
            subscriber.disconnect();
            subscriber.close();
        }
    }

    /**
     * RabbitMQ with the guarantees the component gives: a durable fanout exchange and queue, persistent
     * messages, a channel per publishing thread waiting for the broker's confirm of each, and a consumer
     * acknowledging each message with at most 100 unacknowledged.
     */
    private Result plainRabbitMq() throws Exception {
        String exchange = "capa.bench." + PORT + ".plain." + RUN;
        String queue = exchange + ".q";
        List<com.rabbitmq.client.Channel> channels = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (com.rabbitmq.client.Connection connection = new com.rabbitmq.client.ConnectionFactory().newConnection("capa-bench")) {
            com.rabbitmq.client.Channel consumer = connection.createChannel();
            consumer.exchangeDeclare(exchange, "fanout", true);
            consumer.queueDeclare(queue, true, false, false, null);
            consumer.queueBind(queue, exchange, "");
            consumer.basicQos(100);
            consumer.basicConsume(queue, false, (tag, delivery) -> {
                Run run = current;
                if (run != null) {
                    run.delivered(sentAt(delivery.getBody()));
                }
                consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
            ThreadLocal<com.rabbitmq.client.Channel> publisher = ThreadLocal.withInitial(() -> {
                try {
                    com.rabbitmq.client.Channel channel = connection.createChannel();
                    channel.confirmSelect();
                    channels.add(channel);
                    return channel;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            com.rabbitmq.client.AMQP.BasicProperties persistent = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .deliveryMode(2).build();
            Publisher send = n -> concurrently(n, i -> {
                com.rabbitmq.client.Channel channel = publisher.get();
                channel.basicPublish(exchange, "", persistent, payload());
                channel.waitForConfirmsOrDie(10_000);
            });
            measure(send, WARMUP);
            Result result = measure(send, MESSAGES);
            consumer.queueDelete(queue);
            consumer.exchangeDelete(exchange);
            return result;
        }
    }

    /** The durable exchange and queue the component declared for the benchmark's topic. */
    private static void deleteRabbitMqTopology(String exchange, String queue) {
        try (com.rabbitmq.client.Connection connection = new com.rabbitmq.client.ConnectionFactory().newConnection("capa-bench");
                com.rabbitmq.client.Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        } catch (Exception e) {
            System.err.println("could not delete " + exchange + " and " + queue + ": " + e);
        }
    }
}
