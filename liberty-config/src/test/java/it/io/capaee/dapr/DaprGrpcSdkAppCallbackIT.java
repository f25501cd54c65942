// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprAppCallbackProtos;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import it.io.capaee.support.Dapr;
import io.nats.client.Connection;
import io.nats.client.Nats;
import it.io.capaee.support.SecondServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * A gRPC app built on the SDK's own {@code AppCallback} base class (io.dapr:dapr-sdk-autogen 1.16): invoked through
 * the test server over HTTP and over gRPC (its app URL is {@code grpc://} in the app registry), and receiving, from a
 * second server whose app is this one ({@code capa.app.protocol=grpc}), the messages of the topic it lists in
 * {@code ListTopicSubscriptions}, including one it first asks to have again, the events of an input binding whose
 * target is the app ({@code grpc://...}, {@code OnBindingEvent}), and its job callback ({@code OnJobEventAlpha1}).
 * Like {@link DaprGrpcSdkIT}, it runs in failsafe's execution {@code dapr-grpc-sdk} only.
 */
class DaprGrpcSdkAppCallbackIT {
    private static final String APP = "grpc-app-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String TOPIC = Dapr.unique("grpc-app-orders");
    private static final String SECOND_APP_ID = "it-grpc-app-" + System.getProperty("http.port");
    private static final String REGISTRY = "capa:it:" + System.getProperty("http.port") + ":invoke:apps";
    private static final String INPUT_SUBJECT = "capa.it." + System.getProperty("http.port") + ".grpc-app.input";
    private static final LinkedBlockingQueue<DaprAppCallbackProtos.TopicEventRequest> events = new LinkedBlockingQueue<>();
    private static final LinkedBlockingQueue<DaprAppCallbackProtos.BindingEventRequest> bindingEvents = new LinkedBlockingQueue<>();
    private static final LinkedBlockingQueue<DynamicMessage> jobEvents = new LinkedBlockingQueue<>();
    private static Server app;
    private static SecondServer second;
    private static ManagedChannel channel;

    /**
     * The app's job callback, {@code AppCallbackAlpha/OnJobEventAlpha1}: the tests compile against the SDK 1.11, whose
     * generated classes do not have it yet, so it is served from the descriptors of the SDK 1.16 they run with.
     */
    static ServerServiceDefinition jobsApp() {
        MethodDescriptor<DynamicMessage, DynamicMessage> onJobEvent = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("dapr.proto.runtime.v1.AppCallbackAlpha/OnJobEventAlpha1")
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(appType("JobEventRequest"))))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(appType("JobEventResponse")))).build();
        return ServerServiceDefinition.builder("dapr.proto.runtime.v1.AppCallbackAlpha")
                .addMethod(onJobEvent, ServerCalls.asyncUnaryCall((request, out) -> {
                    jobEvents.add(request);
                    out.onNext(DynamicMessage.getDefaultInstance(appType("JobEventResponse")));
                    out.onCompleted();
                })).build();
    }

    private static Descriptor appType(String name) {
        return DaprAppCallbackProtos.getDescriptor().findMessageTypeByName(name);
    }

    private static Object field(DynamicMessage message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    /** The app: echoes invocations, lists one subscription and one input binding, asks once to have a message again. */
    static final class OrdersApp extends AppCallbackGrpc.AppCallbackImplBase {
        private volatile boolean retried;

        @Override
        public void onInvoke(CommonProtos.InvokeRequest request, StreamObserver<CommonProtos.InvokeResponse> out) {
            if (request.getMethod().equals("missing")) {
                out.onError(Status.NOT_FOUND.withDescription("no method missing here").asRuntimeException());
                return;
            }
            String seen = request.getHttpExtension().getVerb() + " " + request.getMethod() + "?" + request.getHttpExtension().getQuerystring()
                    + " " + request.getContentType() + " " + request.getData().getValue().toStringUtf8();
            out.onNext(CommonProtos.InvokeResponse.newBuilder().setContentType("text/plain")
                    .setData(Any.newBuilder().setValue(ByteString.copyFromUtf8(seen))).build());
            out.onCompleted();
        }

        @Override
        public void listTopicSubscriptions(Empty request, StreamObserver<DaprAppCallbackProtos.ListTopicSubscriptionsResponse> out) {
            out.onNext(DaprAppCallbackProtos.ListTopicSubscriptionsResponse.newBuilder()
                    .addSubscriptions(DaprAppCallbackProtos.TopicSubscription.newBuilder().setPubsubName("pubsub").setTopic(TOPIC)
                            .setRoutes(DaprAppCallbackProtos.TopicRoutes.newBuilder().setDefault("/orders")))
                    .build());
            out.onCompleted();
        }

        @Override
        public void listInputBindings(Empty request, StreamObserver<DaprAppCallbackProtos.ListInputBindingsResponse> out) {
            out.onNext(DaprAppCallbackProtos.ListInputBindingsResponse.newBuilder().addBindings("orders-input").build());
            out.onCompleted();
        }

        @Override
        public void onBindingEvent(DaprAppCallbackProtos.BindingEventRequest request, StreamObserver<DaprAppCallbackProtos.BindingEventResponse> out) {
            bindingEvents.add(request);
            out.onNext(DaprAppCallbackProtos.BindingEventResponse.getDefaultInstance());
            out.onCompleted();
        }

        @Override
        public void onTopicEvent(DaprAppCallbackProtos.TopicEventRequest request, StreamObserver<DaprAppCallbackProtos.TopicEventResponse> out) {
            boolean again = request.getData().toStringUtf8().contains("again") && !retried;
            retried |= again;
            if (!again) {
                events.add(request);
            }
            out.onNext(DaprAppCallbackProtos.TopicEventResponse.newBuilder().setStatus(again
                    ? DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus.RETRY
                    : DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus.SUCCESS).build());
            out.onCompleted();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        app = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(new OrdersApp()).addService(jobsApp())
                .build().start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
        second = SecondServer.start("capa-grpc-app", 6, Map.of("capa.app.protocol", "grpc",
                "capa.app.url", "http://127.0.0.1:" + app.getPort(), "capa.app.id", SECOND_APP_ID,
                // its NATS input binding, on a subject of its own, delivers to the app
                "capa.bindings.nats-input.enabled", "true", "capa.bindings.nats-input.subject", INPUT_SUBJECT,
                "capa.bindings.nats-input.queue-group", "capa-grpc-app-" + System.getProperty("http.port"),
                "capa.bindings.nats-input.target", "grpc://127.0.0.1:" + app.getPort() + "/orders-input",
                "capa.bindings.nats-input.dead-letter-subject", INPUT_SUBJECT + ".dlq"));
        // registered once the second server is up: an entry older than capa.invoke.registry-ttl is not used
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.set(REGISTRY + ":" + APP, "{\"url\":\"grpc://127.0.0.1:" + app.getPort() + "\",\"heartbeat\":" + System.currentTimeMillis() + "}");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            if (second != null) {
                second.close();
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            app.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
                redis.del(REGISTRY + ":" + APP, SECOND_APP_ID + ":" + TOPIC);
            }
        }
    }

    @Test
    void anHttpCallerInvokesTheGrpcApp() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + System.getProperty("http.port") + "/v1.0/invoke/" + APP + "/method/orders/7?sort=desc"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"n\":7}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("PUT orders/7?sort=desc application/json {\"n\":7}", r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());

        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + System.getProperty("http.port") + "/v1.0/invoke/" + APP + "/method/missing")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("no method missing here") && missing.body().contains("ERR_DIRECT_INVOKE"), missing.body());
    }

    @Test
    void aGrpcCallerInvokesTheGrpcApp() {
        CommonProtos.InvokeResponse r = DaprGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS).invokeService(
                DaprProtos.InvokeServiceRequest.newBuilder().setId(APP).setMessage(CommonProtos.InvokeRequest.newBuilder().setMethod("ping")
                        .setContentType("text/plain").setData(Any.newBuilder().setValue(ByteString.copyFromUtf8("hi")))
                        .setHttpExtension(CommonProtos.HTTPExtension.newBuilder().setVerb(CommonProtos.HTTPExtension.Verb.POST))).build());
        assertEquals("POST ping? text/plain hi", r.getData().getValue().toStringUtf8());
    }

    @Test
    void theGrpcAppReceivesTheTopicItListsAndAMessageItAskedToHaveAgain() throws Exception {
        // the second server discovers the subscription (capa.pubsub.discovery-interval), then delivers what is published
        String secondBase = second.base;
        boolean listed = false;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listed && System.nanoTime() < end) {
            Thread.sleep(250);
            listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(secondBase + "/v1.0/metadata")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains(TOPIC);
        }
        assertTrue(listed, "the second server lists the gRPC app's subscription");
        for (String body : new String[] {"{\"item\":\"tea\"}", "{\"item\":\"again\"}"}) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(secondBase + "/v1.0/publish/pubsub/" + TOPIC))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, r.statusCode(), r.body());
        }
        DaprAppCallbackProtos.TopicEventRequest first = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(first, "a delivery");
        assertEquals("{\"item\":\"tea\"}", first.getData().toStringUtf8());
        assertEquals(TOPIC, first.getTopic());
        assertEquals("pubsub", first.getPubsubName());
        assertEquals("/orders", first.getPath());
        assertEquals("application/json", first.getDataContentType());
        DaprAppCallbackProtos.TopicEventRequest again = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(again, "the message the app asked to have again came again");
        assertEquals("{\"item\":\"again\"}", again.getData().toStringUtf8());
        assertEquals(null, events.poll(1, TimeUnit.SECONDS), "each message once");
    }

    @Test
    void theGrpcAppReceivesTheEventsOfAnInputBindingThatTargetsIt() throws Exception {
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.publish(INPUT_SUBJECT, "{\"order\":1}".getBytes(StandardCharsets.UTF_8));
            nats.publish(INPUT_SUBJECT, "{\"order\":2}".getBytes(StandardCharsets.UTF_8));
            nats.flush(Duration.ofSeconds(5));
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DaprAppCallbackProtos.BindingEventRequest event = bindingEvents.poll(30, TimeUnit.SECONDS);
            assertNotNull(event, "event " + (i + 1) + " of the input binding reached the app");
            assertEquals("orders-input", event.getName());
            assertEquals(INPUT_SUBJECT, event.getMetadataMap().get("subject"), event.getMetadataMap().toString());
            seen.add(event.getData().toStringUtf8());
        }
        assertEquals(List.of("{\"order\":1}", "{\"order\":2}"), seen.stream().sorted().toList());
        assertEquals(null, bindingEvents.poll(1, TimeUnit.SECONDS), "each event once");
    }

    @Test
    void theGrpcAppsJobCallbackReceivesAJobWithoutATarget() throws Exception {
        String job = Dapr.unique("grpc-app-job");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(second.base + "/v1.0-alpha1/jobs/" + job))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dueTime\":\"1s\",\"data\":{\"report\":\"sales\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
        DynamicMessage event = jobEvents.poll(30, TimeUnit.SECONDS);
        assertNotNull(event, "the job fired to the app's OnJobEventAlpha1");
        assertEquals(job, field(event, "name"));
        assertEquals("job/" + job, field(event, "method"));
        assertEquals("{\"report\":\"sales\"}", ((ByteString) field((DynamicMessage) field(event, "data"), "value")).toStringUtf8());

        HttpResponse<String> path = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(second.base + "/v1.0-alpha1/jobs/" + job + "-path"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dueTime\":\"1s\",\"target\":\"/reports\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, path.statusCode(), path.body());
        assertTrue(path.body().contains("gRPC app"), path.body());
    }
}
