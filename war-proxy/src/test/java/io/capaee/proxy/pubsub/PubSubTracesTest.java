// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.proxy.component.JndiComponents;
import java.util.Map;
import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.json.JsonText;
import io.capaee.api.pubsub.DeliveryHandler.Outcome;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.proxy.forward.BlockingHttpClient;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message's trace from its publish to its delivery: the CloudEvent's traceparent, the subscriber's header (an HTTP
 * subscriber's request header, a gRPC app's call metadata, a streaming subscriber's event extensions).
 */
class PubSubTracesTest {
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Traces traces = Traces.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    private final Subscription subscription = new Subscription("pubsub", "orders", "/orders", null, false, "PROGRAMMATIC");
    private final SubscriptionSettings settings = new SubscriptionSettings("test-app", "http://127.0.0.1:1", false, "http://127.0.0.1:2",
            null, Duration.ofSeconds(1), new DeliveryPolicy(3, 10, 100), Duration.ofSeconds(5), 1);
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private HttpServer app;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop(0);
        provider.close();
    }

    @Test
    void theDeliveryIsTheChildOfThePublishAndTheSubscriberGetsTheDeliverysContext() {
        byte[] event;
        try (TraceSpan publish = PubSubTraces.publish(traces, "pubsub", "orders")) {
            event = CloudEvents.envelope("{\"item\":\"tea\"}".getBytes(StandardCharsets.UTF_8), "application/json", "test-app", "pubsub",
                    "orders", PubSubTraces.context(traces));
            assertEquals(publish.traceparent(), ((JsonObject) JsonText.parse(event)).getString("traceparent"));
        }
        Delivery delivery = new Delivery(subscription, URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/orders"), false,
                settings, null, new BlockingHttpClient(Duration.ofSeconds(2)), traces);
        assertEquals(Outcome.DELIVERED, delivery.attempt(event, 1));

        SpanData publish = span("publish orders");
        SpanData deliver = span("deliver orders");
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals(SpanKind.CONSUMER, deliver.getKind());
        assertEquals(publish.getSpanId(), deliver.getParentSpanId());
        assertEquals(publish.getTraceId(), deliver.getTraceId());
        assertEquals(List.of("00-" + deliver.getTraceId() + "-" + deliver.getSpanId() + "-01"), traceparents);
        assertEquals(200L, deliver.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("http.response.status_code")).findFirst().orElseThrow().getValue());
    }

    @Test
    void aCloudEventThatCarriesATraceparentGetsThePublishersInstead() {
        String given = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"x\",\"type\":\"t\",\"traceparent\":\"00-"
                + "0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}";
        String written;
        try (TraceSpan publish = PubSubTraces.publish(traces, "pubsub", "orders")) {
            JsonObject event = (JsonObject) JsonText.parse(CloudEvents.envelope(given.getBytes(StandardCharsets.UTF_8),
                    CloudEvents.MEDIA_TYPE, "test-app", "pubsub", "orders", PubSubTraces.context(traces)));
            written = event.getString("traceparent");
            assertEquals(publish.traceparent(), written);
        }
        assertFalse(written.contains("b7ad6b7169203331"));
    }

    @Test
    void withTracingOffTheEnvelopeHasNoTraceparentAndTheDeliveryNoHeader() {
        Traces off = Traces.off();
        byte[] event;
        try (TraceSpan publish = PubSubTraces.publish(off, "pubsub", "orders")) {
            event = CloudEvents.envelope("hi".getBytes(StandardCharsets.UTF_8), "text/plain", "test-app", "pubsub", "orders",
                    PubSubTraces.context(off));
        }
        assertFalse(((JsonObject) JsonText.parse(event)).containsKey("traceparent"));
        Delivery delivery = new Delivery(subscription, URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/orders"), false,
                settings, null, new BlockingHttpClient(Duration.ofSeconds(2)), off);
        assertEquals(Outcome.DELIVERED, delivery.attempt(event, 1));
        assertEquals(List.of("null"), traceparents);
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    @Test
    void aRawMessageStartsANewTraceAtItsDelivery() {
        Delivery delivery = new Delivery(subscription, URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/orders"), false,
                settings, null, new BlockingHttpClient(Duration.ofSeconds(2)), traces);
        assertEquals(Outcome.DELIVERED, delivery.attempt("raw bytes".getBytes(StandardCharsets.UTF_8), 1));
        SpanData deliver = span("deliver orders");
        assertFalse(deliver.getParentSpanContext().isValid());
        assertNotNull(traceparents.get(0));
    }

    @Test
    void aRawMessageIsPublishedWithThePublishSpansContextInTheBrokersHeaders() {
        List<String> published = new ArrayList<>();
        Publisher publisher = new Publisher(new JndiComponents() {
            @Override
            public <T> Optional<T> find(String kind, String name, Class<T> type) {
                return Optional.of(type.cast(new FakeBroker(published)));
            }
        }, "test-app");
        publisher.traces = traces;
        publisher.publish("pubsub", "orders", "raw".getBytes(StandardCharsets.UTF_8), null, true);
        SpanData publish = span("publish orders");
        assertEquals(List.of("raw traceparent=00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-01"), published);
    }

    @Test
    void aRawMessageContinuesTheTraceItsBrokerHeadersCarry() {
        Map<String, String> headers;
        try (TraceSpan publish = PubSubTraces.publish(traces, "pubsub", "orders")) {
            headers = PubSubTraces.context(traces); // what the publisher puts in the broker's headers of a raw message
        }
        Delivery delivery = new Delivery(subscription, URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/orders"), false,
                settings, null, new BlockingHttpClient(Duration.ofSeconds(2)), traces);
        assertEquals(Outcome.DELIVERED, delivery.attempt("raw bytes".getBytes(StandardCharsets.UTF_8), headers, 1));
        assertEquals(span("publish orders").getSpanId(), span("deliver orders").getParentSpanId());
    }

    @Test
    void aGrpcAppGetsTheDeliverysContextInTheCallsMetadata() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Server grpcApp = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(ServerInterceptors.intercept(new AppCallbackGrpc.AppCallbackImplBase() {
                    @Override
                    public void onTopicEvent(TopicEventRequest request, StreamObserver<TopicEventResponse> out) {
                        out.onNext(TopicEventResponse.newBuilder().setStatus(TopicEventResponseStatus.SUCCESS).build());
                        out.onCompleted();
                    }
                }, new ServerInterceptor() {
                    @Override
                    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                        received.add(String.valueOf(headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER))));
                        return next.startCall(call, headers);
                    }
                })).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcApp.getPort()).usePlaintext().build();
        try {
            byte[] event = published();
            GrpcDelivery delivery = new GrpcDelivery(subscription, AppCallbackGrpc.newBlockingStub(channel), settings, null, traces);
            assertEquals(Outcome.DELIVERED, delivery.attempt(event, 1));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            grpcApp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        SpanData deliver = span("deliver orders");
        assertEquals(span("publish orders").getSpanId(), deliver.getParentSpanId(), "the delivery continues the publisher's trace");
        assertEquals(List.of("00-" + deliver.getTraceId() + "-" + deliver.getSpanId() + "-01"), received);
        assertEquals("DELIVERED", deliver.getAttributes().get(AttributeKey.stringKey("capaee.delivery.outcome")));
    }

    @Test
    void aStreamingSubscriberGetsTheDeliverysContextInTheEventsExtensions() throws Exception {
        BlockingQueue<TopicEventRequest> sent = new LinkedBlockingQueue<>();
        StreamDelivery delivery = new StreamDelivery(new Subscription("pubsub", "orders", "/", null, false, "STREAMING"), sent::add,
                settings, null, traces);
        byte[] event = published();
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome> outcome = loop.submit(() -> delivery.attempt(event, 1));
            TopicEventRequest request = sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(request, "the event was sent");
            delivery.processed(request.getId(), TopicEventResponseStatus.SUCCESS);
            assertEquals(Outcome.DELIVERED, outcome.get(10, TimeUnit.SECONDS));
            SpanData deliver = span("deliver orders");
            assertEquals(span("publish orders").getSpanId(), deliver.getParentSpanId(), "the delivery continues the publisher's trace");
            assertEquals("00-" + deliver.getTraceId() + "-" + deliver.getSpanId() + "-01",
                    request.getExtensions().getFieldsOrThrow("traceparent").getStringValue());
        } finally {
            loop.shutdownNow();
        }
    }

    /** An event published inside a publish span, as the publisher envelopes it. */
    private byte[] published() {
        try (TraceSpan publish = PubSubTraces.publish(traces, "pubsub", "orders")) {
            return CloudEvents.envelope("{\"item\":\"tea\"}".getBytes(StandardCharsets.UTF_8), "application/json", "test-app", "pubsub",
                    "orders", PubSubTraces.context(traces));
        }
    }

    private SpanData span(String name) {
        List<SpanData> found = new ArrayList<>(exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList());
        assertEquals(1, found.size(), "spans named " + name + " in " + exported.getFinishedSpanItems());
        return found.get(0);
    }
}
