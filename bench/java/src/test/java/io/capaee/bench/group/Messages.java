// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.group;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import it.io.capaee.kafka.NumberedRecords;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The message side of {@link GroupBench}: numbered pub/sub messages published through the group and received by
 * this program's app (the group's declared subscription delivers there), and numbered JetStream messages that the
 * connector deployed on the group moves to Kafka; what was accepted is looked for at the end.
 */
final class Messages implements AutoCloseable {
    /** How long the end waits for the last deliveries: a message taken by the killed server comes again after its ack wait. */
    private static final Duration DRAIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Of one kind of message: accepted (answered 204, acknowledged by JetStream), sent again, delivered, lost, twice. */
    record Outcome(int accepted, int sentAgain, int delivered, int lost, int twice) {
        @Override
        public String toString() {
            return accepted + " accepted (" + sentAgain + " sent again after a failed attempt), " + delivered + " delivered, "
                    + lost + " lost, " + twice + " delivered more than once";
        }
    }

    private final String nats;
    private final String kafka;
    private final String topic;
    private final String subject;
    private final String stream;
    private final HttpServer app;
    private final ExecutorService appThreads = Executors.newFixedThreadPool(4);
    private final Map<Integer, Integer> delivered = new ConcurrentHashMap<>();
    private final Set<Integer> published = ConcurrentHashMap.newKeySet();
    private final AtomicInteger publishedAgain = new AtomicInteger();
    private final AtomicInteger jetStreamAccepted = new AtomicInteger();
    private final AtomicInteger jetStreamAgain = new AtomicInteger();

    Messages(String nats, String kafka, int appPort, String topic) throws IOException {
        this.nats = nats;
        this.kafka = kafka;
        this.topic = topic;
        String run = Long.toString(System.currentTimeMillis(), 36);
        this.subject = "capa.bench.group." + run;
        this.stream = "CAPA_BENCH_GROUP_" + run.toUpperCase();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", appPort), 0);
        app.createContext("/", x -> {
            try (x) {
                if (x.getRequestMethod().equals("POST")) {
                    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    int n = Integer.parseInt(Json.createReader(new StringReader(body)).readObject().get("data").toString());
                    delivered.merge(n, 1, Integer::sum);
                }
                x.sendResponseHeaders(200, -1);
            }
        });
        app.setExecutor(appThreads);
        app.start();
    }

    /** Makes the JetStream stream and deploys the connector through {@code server}: the group's shared desired state runs it on all. */
    void deployConnector(String server) throws Exception {
        try (Connection c = Nats.connect(nats)) {
            c.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.File).build());
        }
        String yaml = """
                consumer:
                  nats: { url: "%s" }
                  stream: { subject: "%s" }
                sink:
                  type: kafka
                  config: { seed_brokers: [ "%s" ], topic: "%s" }
                """.formatted(nats, subject, kafka, kafkaTopic());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/v1.0-alpha1/connectors?id=group-bench-" + stream.toLowerCase()))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("connector not deployed: " + r.statusCode() + " " + r.body());
        }
    }

    private String kafkaTopic() {
        return stream.toLowerCase().replace('_', '-');
    }

    /** Publishes 0, 1, 2... through a random server of {@code up} until {@code end}, each until one answers 204. */
    Thread publishing(List<String> up, long end) {
        Thread t = new Thread(() -> {
            int n = 0;
            while (System.nanoTime() < end) {
                String server = up.get(ThreadLocalRandom.current().nextInt(up.size()));
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/v1.0/publish/pubsub/" + topic))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(String.valueOf(n))).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 204) {
                        published.add(n++);
                        Thread.sleep(10);
                        continue;
                    }
                } catch (IOException e) {
                    // sent again below
                } catch (InterruptedException e) {
                    return;
                }
                publishedAgain.incrementAndGet();
                pause();
            }
        }, "publisher");
        t.start();
        return t;
    }

    /** Publishes 0, 1, 2... to JetStream until {@code end}, each until JetStream acknowledges it (NATS restarts meanwhile). */
    Thread publishingToJetStream(long end) {
        Thread t = new Thread(() -> {
            Options options = new Options.Builder().server(nats).maxReconnects(-1).reconnectWait(Duration.ofMillis(200)).build();
            try (Connection c = Nats.connect(options)) {
                int n = 0;
                while (System.nanoTime() < end) {
                    try {
                        c.jetStream().publish(subject, String.valueOf(n).getBytes(StandardCharsets.UTF_8));
                        n++;
                        jetStreamAccepted.set(n);
                        Thread.sleep(10);
                    } catch (IOException | io.nats.client.JetStreamApiException | IllegalStateException e) {
                        jetStreamAgain.incrementAndGet();
                        pause();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "jetstream-publisher");
        t.start();
        return t;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@link #DRAIN} for every published message, then counts. */
    Outcome pubSubOutcome() throws InterruptedException {
        long end = System.nanoTime() + DRAIN.toNanos();
        while (!delivered.keySet().containsAll(published) && System.nanoTime() < end) {
            Thread.sleep(250);
        }
        int lost = (int) published.stream().filter(n -> !delivered.containsKey(n)).count();
        return new Outcome(published.size(), publishedAgain.get(), delivered.values().stream().mapToInt(Integer::intValue).sum(), lost,
                (int) delivered.values().stream().filter(c -> c > 1).count());
    }

    /** Reads the Kafka topic from the start for up to {@link #DRAIN}, until every accepted number is there, then counts. */
    Outcome connectorOutcome() {
        int accepted = jetStreamAccepted.get();
        Map<Integer, Integer> numbers = NumberedRecords.read(kafka, kafkaTopic(), accepted, DRAIN);
        int lost = 0;
        for (int i = 0; i < accepted; i++) {
            if (!numbers.containsKey(i)) {
                lost++;
            }
        }
        return new Outcome(accepted, jetStreamAgain.get(), numbers.values().stream().mapToInt(Integer::intValue).sum(), lost,
                (int) numbers.values().stream().filter(c -> c > 1).count());
    }

    @Override
    public void close() throws Exception {
        app.stop(0);
        appThreads.shutdownNow();
        try (Connection c = Nats.connect(nats)) {
            c.jetStreamManagement().deleteStream(stream);
        }
    }
}
