// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import it.io.capaee.kafka.KafkaBroker;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoublePredicate;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every capability shows in {@code /metrics} and over JMX: an actor call, a binding invocation, a publish and
 * its delivery, a connector's messages move their counters; the MBeans of {@code io.capaee} are there, and a
 * connector stops and starts through its MBean; an input binding's dead letters and lag count, in its MBean, the
 * metrics and the console's listing; every output binding, input binding and pub/sub component has an MBean of its
 * own; {@code /openapi} describes the paths of every WAR.
 */
@ResourceLock(value = SharedResources.ACTORS, mode = ResourceAccessMode.READ)
@ResourceLock(value = SharedResources.DESIRED_STATE, mode = ResourceAccessMode.READ)
class ObservabilityIT {
    private static final String PORT = System.getProperty("http.port", "9089");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anActorCallCountsInTheActorMetricsOfItsType() throws Exception {
        double before = metric("capa_actor_calls_total", "type", "counter");
        HttpResponse<String> r = Server.send(Server.request("/v1.0/actors/counter/obs-" + PORT + "/method/add")
                .POST(BodyPublishers.ofString("1")));
        assertEquals(200, r.statusCode(), r.body());
        // other classes call counter actors at the same time: at least this call
        assertTrue(metric("capa_actor_calls_total", "type", "counter") >= Math.max(before, 0) + 1);
        assertTrue(metric("capa_actor_duration_seconds_count", "type", "counter") >= 1);
        // the type's gauges: calls waiting for their turn, reminders armed here (other classes move them: present is enough)
        assertTrue(metric("capa_actor_queued", "type", "counter") >= 0, "no queue depth gauge of the type");
        assertTrue(metric("capa_actor_reminders", "type", "counter") >= 0, "no armed reminders gauge of the type");
    }

    @Test
    void anOutputBindingInvocationCountsPerBinding() throws Exception {
        double before = Math.max(0, metric("capa_binding_invocations_total", "binding", "memory"));
        HttpResponse<String> r = Server.send(Server.request("/v1.0/bindings/memory").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"operation\":\"create\",\"data\":1,\"metadata\":{\"key\":\"obs-" + PORT + "\"}}")));
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        assertTrue(metric("capa_binding_invocations_total", "binding", "memory") >= before + 1);
    }

    @Test
    void aPublishAndItsDeliveryCountPerTopic() throws Exception {
        // declared in the test server: jetstream topic to-actor-PORT -> actor:counter/pubsub-PORT/turn
        String topic = "to-actor-" + PORT;
        double published = Math.max(0, metric("capa_pubsub_published_total", "pubsub", "jetstream", "topic", topic));
        double delivered = Math.max(0, metric("capa_pubsub_delivered_total", "pubsub", "jetstream", "topic", topic));
        HttpResponse<String> r = Server.send(Server.request("/v1.0/publish/jetstream/" + topic).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"n\":0}")));
        assertEquals(204, r.statusCode(), r.body());
        assertTrue(published + 1 <= metric("capa_pubsub_published_total", "pubsub", "jetstream", "topic", topic));
        awaitMetric(() -> metric("capa_pubsub_delivered_total", "pubsub", "jetstream", "topic", topic), n -> n >= delivered + 1);
    }

    @Test
    void aConnectorsMessagesCountAndItsMBeanStopsAndStartsIt() throws Exception {
        String id = "obs-" + Long.toHexString(System.nanoTime());
        String in = "capa.it." + PORT + ".obs.in." + id;
        HttpResponse<String> deployed = Server.send(Server.request("/v1.0-alpha1/connectors?id=" + id).header("Content-Type", "application/yaml")
                .POST(BodyPublishers.ofString("consumer: { nats: { url: 'nats://127.0.0.1:4222' }, core: { subject: " + in + " } }\n"
                        + "sink: { type: nats, config: { subject: capa.it." + PORT + ".obs.out." + id + " } }\n")));
        assertEquals(201, deployed.statusCode(), deployed.body());
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222"); JMXConnector jmx = jmx()) {
            Server.await("/v1.0-alpha1/connectors/" + id, r -> r.body().contains("\"connected\":true"), WAIT);
            for (int i = 0; i < 3; i++) {
                nats.publish(in, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            nats.flush(Duration.ofSeconds(5));
            awaitMetric(() -> metric("capa_connector_messages_out_total", "connector", id), n -> n == 3);
            assertEquals(1, metric("capa_connector_running", "connector", id), 0.0);

            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName name = new ObjectName("io.capaee:type=Connectors,name=" + ObjectName.quote(id));
            assertEquals(3L, server.getAttribute(name, "MessagesOut"));
            assertEquals(-1L, server.getAttribute(name, "Lag"), "NATS core keeps no backlog to measure");
            assertEquals("stopped", server.invoke(name, "stop", null, null));
            assertTrue(Server.get("/v1.0-alpha1/connectors/" + id).body().contains("\"state\":\"stopped\""));
            assertEquals("running", server.invoke(name, "start", null, null));
            assertEquals("running", server.getAttribute(name, "State"));
        } finally {
            Server.send(Server.request("/v1.0-alpha1/connectors/" + id).DELETE());
        }
    }

    /**
     * The Kafka input binding delivers to the input app's port, which this test holds: an app there that refuses
     * every delivery (slowly, so that the records wait long enough for a lag reading) makes each record a dead
     * letter after its attempts (3 in the test server). The lag rises while they wait, then falls back to 0.
     */
    @Test
    @ResourceLock(SharedResources.KAFKA)
    @ResourceLock(SharedResources.INPUT_APP_PORT)
    void anInputBindingsDeadLettersAndLagCountInItsMBeanTheMetricsAndTheListing() throws Exception {
        int records = 30;
        AtomicInteger refused = new AtomicInteger();
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getProperty("input-app.port"))), 0);
        app.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(100);
                refused.incrementAndGet();
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("OPTIONS") ? 200 : 500, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        app.start();
        try (JMXConnector jmx = jmx(); KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName binding = new ObjectName("io.capaee:type=InputBinding,name=\"KafkaInputBinding\"");
            long deadLetters = (Long) server.getAttribute(binding, "DeadLetters");
            double counted = Math.max(0, metric("capa_binding_dead_letters_total", "binding", "KafkaInputBinding"));
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("capa-it-" + PORT + "-input", "obs-" + i, "poison-obs-" + i)).get();
            }
            long maxLag = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long lag = -1;
            long dead = deadLetters;
            while (System.nanoTime() < deadline) {
                lag = (Long) server.getAttribute(binding, "Lag");
                dead = (Long) server.getAttribute(binding, "DeadLetters");
                maxLag = Math.max(maxLag, lag);
                if (dead >= deadLetters + records && lag == 0) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(maxLag > 0, "a lag showed while the records waited: at most " + maxLag);
            assertEquals(deadLetters + records, dead, "every record a dead letter");
            assertEquals(0, lag, "nothing waits any more");
            assertTrue(refused.get() >= records, "the app refused them: " + refused.get());
            awaitMetric(() -> metric("capa_binding_dead_letters_total", "binding", "KafkaInputBinding"), n -> n >= counted + records);
            awaitMetric(() -> metric("capa_binding_lag", "binding", "KafkaInputBinding"), n -> n == 0);
            String listing = Server.get("/v1.0-alpha1/bindings/inbound").body();
            assertTrue(listing.contains("\"binding\":\"KafkaInputBinding\"") && listing.contains("\"deadLetters\":" + dead),
                    listing);
        } finally {
            app.stop(0);
        }
    }

    @Test
    void aSubscriptionsLagIsReadFromItsBroker() throws Exception {
        // declared in the test server: jetstream topic to-actor-PORT, a durable JetStream consumer with num_pending
        String topic = "to-actor-" + PORT;
        awaitMetric(() -> metric("capa_pubsub_lag", "pubsub", "jetstream", "topic", topic), n -> n >= 0);
        try (JMXConnector jmx = jmx()) {
            Map<Object, Object> lag = toMap(jmx.getMBeanServerConnection()
                    .getAttribute(new ObjectName("io.capaee:type=PubSub,name=\"jetstream\""), "Lag"));
            assertTrue(lag.containsKey(topic), lag.toString());
        }
    }

    /** An MXBean's map attribute (a TabularData of key and value) as a map. */
    private static Map<Object, Object> toMap(Object attribute) {
        Map<Object, Object> map = new HashMap<>();
        for (Object row : ((TabularData) attribute).values()) {
            CompositeData entry = (CompositeData) row;
            map.put(entry.get("key"), entry.get("value"));
        }
        return map;
    }

    @Test
    void jmxShowsAnMBeanForEveryPart() throws Exception {
        try (JMXConnector jmx = jmx()) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            Set<String> types = new TreeSet<>();
            for (ObjectName n : server.queryNames(new ObjectName("io.capaee:*"), null)) {
                types.add(n.getKeyProperty("type"));
            }
            assertTrue(types.containsAll(Set.of("Actors", "ActorRuntime", "Functions", "Routes", "Registry", "OutputBindings",
                    "InputBindings", "InboundEndpoints", "PubSub", "Connectors", "OutputBinding", "InputBinding")), types.toString());
            // one per name: an output binding, an input binding, a pub/sub component
            for (String name : new String[] {"io.capaee:type=OutputBinding,name=\"memory\"",
                    "io.capaee:type=InputBinding,name=\"KafkaInputBinding\"", "io.capaee:type=PubSub,name=\"jetstream\""}) {
                assertTrue(server.isRegistered(new ObjectName(name)), name + " among " + server.queryNames(new ObjectName("io.capaee:*"), null));
            }
            assertTrue((Long) server.getAttribute(new ObjectName("io.capaee:type=OutputBinding,name=\"memory\""), "Invocations") >= 0);
            ObjectName counter = new ObjectName("io.capaee:type=Actors,name=\"counter\"");
            assertTrue((Long) server.getAttribute(counter, "Calls") >= 0);
            assertEquals(false, server.invoke(new ObjectName("io.capaee:type=ActorRuntime"), "deactivate",
                    new Object[] {"counter", "never-activated-" + PORT}, new String[] {String.class.getName(), String.class.getName()}));
        }
    }

    @Test
    void theOpenApiDocumentDescribesThePathsOfEveryWar() throws Exception {
        HttpResponse<String> r = Server.get("/openapi?format=JSON");
        assertEquals(200, r.statusCode(), r.body());
        String doc = r.body();
        Files.writeString(Path.of("target", "openapi.json"), doc); // for a reader of the build
        for (String path : new String[] {"/v1.0/bindings/{name}", "/v1.0/publish/{pubsub}/{topic}", "/wasm/worker/functions/deploy",
                "/registry/upload/{org}/{name}/{tag}", "/registry/modules"}) {
            assertTrue(doc.contains("\"" + path), "no " + path + " in " + doc.substring(0, Math.min(2000, doc.length())));
        }
        assertTrue(doc.contains("\"Problem\""), "no Problem schema");
        try (var reader = Json.createReader(new StringReader(doc))) {
            JsonObject paths = reader.readObject().getJsonObject("paths");
            for (String[] operation : new String[][] {{"/v1.0/bindings/{name}", "post"}, {"/wasm/worker/functions/deploy", "post"},
                    {"/registry/upload/{org}/{name}/{tag}", "post"}}) {
                JsonObject responses = paths.getJsonObject(operation[0]).getJsonObject(operation[1]).getJsonObject("responses");
                assertTrue(responses.containsKey("default") && responses.getJsonObject("default").getJsonObject("content")
                        .containsKey("application/problem+json"), operation[0] + " has no problem-details answer: " + responses);
            }
            // a function's call, by default revision or a named one: two templates, each parameter a whole segment
            assertTrue(paths.getJsonObject("/wasm/functions/{name}").containsKey("post"), "no call of a function's default revision");
            assertTrue(paths.getJsonObject("/wasm/functions/{name}/{revision}").containsKey("post"), "no call of a function's revision");
            assertEquals(List.of(), paths.keySet().stream().filter(p -> p.matches(".*[^/]\\{.*")).toList(),
                    "a parameter run together with the text before it");
            // service invocation: the method's path after /method, slashes and all
            assertTrue(paths.containsKey("/v1.0/invoke/{appId}/method/{method}"), "no invocation path in " + paths.keySet());
        }
        assertEquals(200, Server.get("/openapi/ui/").statusCode());
    }

    /** The local JMX connector Liberty's localConnector-1.0 announces in the server's logs/state. */
    private static JMXConnector jmx() throws Exception {
        Path address = Server.dir().resolve("logs/state/com.ibm.ws.jmx.local.address");
        return JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(address).strip()));
    }

    /** A metric's value, for the labels given as name, value pairs; -1 when there is no such line. */
    static double metric(String name, String... labels) throws Exception {
        String text = Server.get("/metrics?scope=application").body();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private static void awaitMetric(Callable<Double> value, DoublePredicate done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double last = value.call();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = value.call();
        }
        assertTrue(done.test(last), "the metric stayed at " + last);
    }
}
