// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import it.io.capaee.support.OtlpReceiver;
import it.io.capaee.support.OtlpReceiver.ReceivedSpan;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Traces end to end: a server with tracing on exports its spans by OTLP/HTTP to a collector this test runs, and one
 * trace, started by the test's own {@code traceparent}, follows a message from the HTTP publish to the broker, its
 * delivery and the actor turn it causes; another a message of the NATS output binding through the NATS input binding
 * to an actor; another a request through the reverse proxy to the function; another a raw message published over the
 * Dapr gRPC API (its trace context in the broker's message headers, having no envelope) to its delivery and actor turn.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_A)
class TracesIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SUBJECT = "capa.it.traces." + System.getProperty("http.port", "9089") + ".input";

    private static OtlpReceiver collector;
    private static SecondServer server;
    private static int grpcPort;

    @BeforeAll
    static void start() throws Exception {
        collector = new OtlpReceiver();
        Map<String, String> changes = new HashMap<>();
        changes.put("otel.sdk.disabled", "false");
        changes.put("otel.exporter.otlp.endpoint", collector.endpoint());
        changes.put("otel.exporter.otlp.protocol", "http/protobuf");
        changes.put("otel.service.name", "capa-traces");
        changes.put("otel.bsp.schedule.delay", "100"); // export within a moment, not every 5 s
        changes.put("capa.kv.backend", "memory"); // its routes and actors its own
        changes.put("capa.actors.classes", "io.capaee.actors.examples.CounterActor");
        changes.put("capa.functions.from-config.wasm", Path.of(System.getProperty("capa.guests.dir"), "hello-http-v9.wasm").toString());
        changes.put("capa.subscription.traced.pubsub", "pubsub");
        changes.put("capa.subscription.traced.topic", "traced");
        changes.put("capa.subscription.traced.route", "actor:counter/traced/turn");
        changes.put("capa.subscription.traced-raw.pubsub", "pubsub");
        changes.put("capa.subscription.traced-raw.topic", "traced-raw");
        changes.put("capa.subscription.traced-raw.route", "actor:counter/traced-raw/turn");
        changes.put("capa.subscription.traced-kafka.pubsub", "kafka");
        changes.put("capa.subscription.traced-kafka.topic", "traced-kafka");
        changes.put("capa.subscription.traced-kafka.route", "actor:counter/traced-kafka/turn");
        // the Dapr gRPC API on a port of its own (the first server's is taken)
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            grpcPort = free.getLocalPort();
        }
        changes.put("capa.grpc.enabled", "true");
        changes.put("capa.grpc.host", "127.0.0.1");
        changes.put("capa.grpc.port", String.valueOf(grpcPort));
        // the output binding nats publishes on a subject of this server's own, which its NATS input binding reads
        changes.put("capa.bindings.nats.subject", SUBJECT);
        changes.put("capa.bindings.nats-input.enabled", "true");
        changes.put("capa.bindings.nats-input.subject", SUBJECT);
        changes.put("capa.bindings.nats-input.queue-group", "capa-it-traces");
        changes.put("capa.bindings.nats-input.target", "actor:counter/traced-nats/turn");
        server = SecondServer.start("capa-traces", 22, changes);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void oneTraceFollowsAMessageFromTheHttpPublishThroughItsDeliveryToTheActorTurn() throws Exception {
        String traceId = hex(16);
        String caller = hex(8);
        HttpResponse<String> published = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0/publish/pubsub/traced"))
                .header("Content-Type", "application/json").header("traceparent", "00-" + traceId + "-" + caller + "-01")
                .POST(BodyPublishers.ofString("{\"order\":1}")));
        assertEquals(204, published.statusCode(), published.body());

        List<ReceivedSpan> spans = collector.await(traceId, s -> find(s, "actor counter.turn").map(a -> reaches(s, a, caller)).orElse(false), WAIT);
        String names = names(spans);
        ReceivedSpan publish = find(spans, "publish traced").orElseThrow(() -> new AssertionError("no publish span in " + names));
        ReceivedSpan deliver = find(spans, "deliver traced").orElseThrow(() -> new AssertionError("no deliver span in " + names));
        ReceivedSpan actor = find(spans, "actor counter.turn").orElseThrow(() -> new AssertionError("no actor span in " + names));

        assertEquals(OtlpReceiver.PRODUCER, publish.kind(), names);
        assertEquals("pubsub", publish.attributes().get("capaee.pubsub"));
        assertEquals("traced", publish.attributes().get("messaging.destination.name"));
        // the publish span is the child of the JAX-RS request's span, which continues the caller's traceparent
        ReceivedSpan request = byId(spans, publish.parentSpanId()).orElseThrow(() -> new AssertionError("publish's parent is missing: " + names));
        assertEquals(OtlpReceiver.SERVER, request.kind(), "the publish request's span: " + request);
        assertEquals(caller, request.parentSpanId(), "the publish request continues the caller's trace");

        assertEquals(OtlpReceiver.CONSUMER, deliver.kind(), names);
        assertEquals(publish.spanId(), deliver.parentSpanId(), "the delivery continues from the CloudEvent's traceparent: " + names);
        assertEquals("1", deliver.attributes().get("capaee.delivery.attempt"));
        assertEquals("DELIVERED", deliver.attributes().get("capaee.delivery.outcome"));

        // the delivery's request to the actor API carries the delivery's context: its server span, then the turn
        ReceivedSpan actorRequest = byId(spans, actor.parentSpanId()).orElseThrow(() -> new AssertionError("the turn's parent is missing: " + names));
        assertEquals(OtlpReceiver.SERVER, actorRequest.kind(), "the actor request's span: " + actorRequest);
        assertEquals(deliver.spanId(), actorRequest.parentSpanId(), "the actor request is the delivery's child: " + names);
        assertEquals("counter", actor.attributes().get("capaee.actor.type"));
        assertEquals("traced", actor.attributes().get("capaee.actor.id"));
        assertEquals("turn", actor.attributes().get("capaee.actor.method"));
    }

    @Test
    void oneTraceFollowsAnOutputBindingsNatsMessageThroughTheInputBindingToTheActorTurn() throws Exception {
        String traceId = hex(16);
        String caller = hex(8);
        HttpResponse<String> invoked = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/v1.0/bindings/nats"))
                .header("Content-Type", "application/json").header("traceparent", "00-" + traceId + "-" + caller + "-01")
                .POST(BodyPublishers.ofString("{\"operation\":\"create\",\"data\":{\"order\":2}}")));
        assertTrue(invoked.statusCode() / 100 == 2, invoked.statusCode() + " " + invoked.body());

        List<ReceivedSpan> spans = collector.await(traceId, s -> find(s, "actor counter.turn").map(a -> reaches(s, a, caller)).orElse(false), WAIT);
        String names = names(spans);
        ReceivedSpan binding = find(spans, "binding nats").orElseThrow(() -> new AssertionError("no binding span in " + names));
        ReceivedSpan inbound = find(spans, "inbound nats " + SUBJECT).orElseThrow(() -> new AssertionError("no inbound span in " + names));
        ReceivedSpan actor = find(spans, "actor counter.turn").orElseThrow(() -> new AssertionError("no actor span in " + names));
        assertEquals(OtlpReceiver.CLIENT, binding.kind(), names);
        assertEquals("create", binding.attributes().get("capaee.operation"));
        ReceivedSpan request = byId(spans, binding.parentSpanId()).orElseThrow(() -> new AssertionError("the binding's parent is missing: " + names));
        assertEquals(caller, request.parentSpanId(), "the binding request continues the caller's traceparent");
        // the NATS message's traceparent header carried the binding span's context to the input binding
        assertEquals(OtlpReceiver.CONSUMER, inbound.kind(), names);
        assertEquals(binding.spanId(), inbound.parentSpanId(), "the inbound delivery continues from the NATS header: " + names);
        assertEquals(SUBJECT, inbound.attributes().get("messaging.destination.name"));
        assertEquals(inbound.spanId(), actor.parentSpanId(), "the actor's turn is the inbound delivery's child: " + names);
        assertEquals("traced-nats", actor.attributes().get("capaee.actor.id"));
    }

    @Test
    void oneTraceFollowsARequestThroughTheReverseProxyToTheFunction() throws Exception {
        Server.send(HttpRequest.newBuilder(URI.create(server.base + "/wasm/functions/from-config")).GET()); // up before it is routed to
        HttpResponse<String> registered = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/memory/functions/registration"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"function\":\"traced\",\"revision\":\"default\","
                        + "\"url\":\"" + server.base + "/wasm/functions/from-config\"}")));
        assertEquals(202, registered.statusCode(), registered.body());
        String traceId = hex(16);
        String caller = hex(8);
        HttpResponse<String> called = Server.send(HttpRequest.newBuilder(URI.create(server.base + "/functions/traced"))
                .header("traceparent", "00-" + traceId + "-" + caller + "-01").GET());
        assertEquals(200, called.statusCode(), called.body());

        List<ReceivedSpan> spans = collector.await(traceId, s -> find(s, "function from-config").map(f -> reaches(s, f, caller)).orElse(false), WAIT);
        String names = names(spans);
        ReceivedSpan proxy = find(spans, "proxy traced").orElseThrow(() -> new AssertionError("no proxy span in " + names));
        ReceivedSpan function = find(spans, "function from-config").orElseThrow(() -> new AssertionError("no function span in " + names));
        // Liberty traces the servlet request itself (a server span continuing the caller's traceparent): the proxy's
        // span is its child, and the upstream request carries the proxy span's context to the function
        ReceivedSpan request = byId(spans, proxy.parentSpanId()).orElseThrow(() -> new AssertionError("the proxy's parent is missing: " + names));
        assertEquals(OtlpReceiver.SERVER, request.kind(), "the proxy request's span: " + request);
        assertEquals(caller, request.parentSpanId(), "the proxy request continues the caller's traceparent");
        assertEquals(OtlpReceiver.INTERNAL, proxy.kind(), names);
        assertEquals("traced", proxy.attributes().get("capaee.function"));
        assertEquals("200", proxy.attributes().get("http.response.status_code"));
        assertEquals(proxy.spanId(), function.parentSpanId(), "the function's span is the proxy's child: " + names);
        assertTrue(reaches(spans, function, caller), names);
        assertEquals("from-config", function.attributes().get("capaee.function"));
        assertEquals("200", function.attributes().get("http.response.status_code"));
    }

    @Test
    void oneTraceFollowsARawMessagePublishedOverTheGrpcApiThroughItsDeliveryToTheActorTurn() throws Exception {
        String traceId = hex(16);
        String caller = hex(8);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + traceId + "-" + caller + "-01");
            DaprGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .publishEvent(DaprProtos.PublishEventRequest.newBuilder().setPubsubName("pubsub").setTopic("traced-raw")
                            .setData(ByteString.copyFromUtf8("{\"order\":3}")).setDataContentType("application/json")
                            .putMetadata("rawPayload", "true").build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        List<ReceivedSpan> spans = collector.await(traceId, s -> find(s, "actor counter.turn").map(a -> reaches(s, a, caller)).orElse(false), WAIT);
        String names = names(spans);
        ReceivedSpan call = find(spans, "dapr.proto.runtime.v1.Dapr/PublishEvent").orElseThrow(() -> new AssertionError("no gRPC span in " + names));
        ReceivedSpan publish = find(spans, "publish traced-raw").orElseThrow(() -> new AssertionError("no publish span in " + names));
        ReceivedSpan deliver = find(spans, "deliver traced-raw").orElseThrow(() -> new AssertionError("no deliver span in " + names));
        ReceivedSpan actor = find(spans, "actor counter.turn").orElseThrow(() -> new AssertionError("no actor span in " + names));
        // the gRPC call's server span continues the caller's traceparent metadata; the publish is its child
        assertEquals(OtlpReceiver.SERVER, call.kind(), names);
        assertEquals(caller, call.parentSpanId(), "the gRPC call continues the caller's traceparent: " + names);
        assertEquals(call.spanId(), publish.parentSpanId(), "the publish is the gRPC call's child: " + names);
        // no envelope: the broker's message headers carried the publish span's context to the delivery
        assertEquals(publish.spanId(), deliver.parentSpanId(), "the delivery continues from the message's headers: " + names);
        ReceivedSpan actorRequest = byId(spans, actor.parentSpanId()).orElseThrow(() -> new AssertionError("the turn's parent is missing: " + names));
        assertEquals(deliver.spanId(), actorRequest.parentSpanId(), "the actor request is the delivery's child: " + names);
        assertEquals("traced-raw", actor.attributes().get("capaee.actor.id"));
    }

    @Test
    void aRawMessageOnKafkaCarriesItsTraceInTheRecordsHeaders() throws Exception {
        String traceId = hex(16);
        String caller = hex(8);
        HttpResponse<String> published = Server.send(HttpRequest.newBuilder(URI.create(server.base
                        + "/v1.0/publish/kafka/traced-kafka?metadata.rawPayload=true"))
                .header("Content-Type", "application/json").header("traceparent", "00-" + traceId + "-" + caller + "-01")
                .POST(BodyPublishers.ofString("{\"order\":4}")));
        assertEquals(204, published.statusCode(), published.body());

        List<ReceivedSpan> spans = collector.await(traceId, s -> find(s, "actor counter.turn").map(a -> reaches(s, a, caller)).orElse(false), WAIT);
        String names = names(spans);
        ReceivedSpan publish = find(spans, "publish traced-kafka").orElseThrow(() -> new AssertionError("no publish span in " + names));
        ReceivedSpan deliver = find(spans, "deliver traced-kafka").orElseThrow(() -> new AssertionError("no deliver span in " + names));
        assertEquals("kafka", publish.attributes().get("capaee.pubsub"));
        assertEquals(publish.spanId(), deliver.parentSpanId(), "the delivery continues from the Kafka record's headers: " + names);
    }

    private static Optional<ReceivedSpan> find(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static Optional<ReceivedSpan> byId(List<ReceivedSpan> spans, String id) {
        return spans.stream().filter(s -> s.spanId().equals(id)).findFirst();
    }

    /** The ids of a span's parent, its parent's parent... up to the first that was not received (the caller's). */
    private static List<String> ancestors(List<ReceivedSpan> spans, ReceivedSpan span) {
        List<String> ids = new ArrayList<>();
        Optional<ReceivedSpan> at = Optional.of(span);
        while (at.isPresent() && !at.get().parentSpanId().isEmpty() && ids.size() < 50) {
            ids.add(at.get().parentSpanId());
            at = byId(spans, at.get().parentSpanId());
        }
        return ids;
    }

    private static boolean reaches(List<ReceivedSpan> spans, ReceivedSpan span, String caller) {
        List<String> up = ancestors(spans, span);
        return !up.isEmpty() && up.get(up.size() - 1).equals(caller);
    }

    private static String names(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.name() + "(" + s.spanId() + "<-" + s.parentSpanId() + ")").toList().toString();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
