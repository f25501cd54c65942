// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.pubsub.DeliveryHandler.Outcome;
import io.capaee.api.tracing.Traces;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.DaprAppCallbackProtos;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a gRPC app over a real loopback connection: what the app receives, and what its answers come to. */
class GrpcDeliveryTest {
    private final List<TopicEventRequest> received = new CopyOnWriteArrayList<>();
    /** What the app answers: a status name, or "error:CODE". */
    private volatile String answer = "SUCCESS";
    private Server server;
    private ManagedChannel channel;
    private AppCallbackGrpc.AppCallbackBlockingStub stub;
    private final Subscription subscription = new Subscription("pubsub", "orders", "/orders", null, false, "PROGRAMMATIC");
    private final SubscriptionSettings settings = new SubscriptionSettings("test-app", "http://127.0.0.1:1", true, "http://127.0.0.1:2",
            null, Duration.ofSeconds(1), new DeliveryPolicy(3, 10, 100), Duration.ofSeconds(5), 1);

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(new AppCallbackGrpc.AppCallbackImplBase() {
                    @Override
                    public void onTopicEvent(TopicEventRequest request, StreamObserver<DaprAppCallbackProtos.TopicEventResponse> out) {
                        received.add(request);
                        if (answer.startsWith("error:")) {
                            out.onError(Status.fromCode(Status.Code.valueOf(answer.substring(6))).asRuntimeException());
                            return;
                        }
                        out.onNext(DaprAppCallbackProtos.TopicEventResponse.newBuilder()
                                .setStatus(TopicEventResponseStatus.valueOf(answer)).build());
                        out.onCompleted();
                    }

                    @Override
                    public void listTopicSubscriptions(Empty request, StreamObserver<DaprAppCallbackProtos.ListTopicSubscriptionsResponse> out) {
                        out.onNext(DaprAppCallbackProtos.ListTopicSubscriptionsResponse.newBuilder()
                                .addSubscriptions(DaprAppCallbackProtos.TopicSubscription.newBuilder().setPubsubName("pubsub").setTopic("orders")
                                        .setRoutes(DaprAppCallbackProtos.TopicRoutes.newBuilder().setDefault("/orders"))
                                        .setDeadLetterTopic("orders-dead").putMetadata("rawPayload", "true"))
                                .addSubscriptions(DaprAppCallbackProtos.TopicSubscription.newBuilder().setPubsubName("pubsub").setTopic("audit"))
                                .addSubscriptions(DaprAppCallbackProtos.TopicSubscription.newBuilder().setTopic("no-pubsub"))
                                .build());
                        out.onCompleted();
                    }
                }).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        stub = AppCallbackGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aCloudEventReachesTheAppWithItsAttributesItsJsonDataAndItsExtensions() {
        byte[] event = ("{\"id\":\"e1\",\"specversion\":\"1.0\",\"source\":\"shop\",\"type\":\"order.placed\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"item\":\"tea\"},\"traceparent\":\"00-abc-def-01\","
                + "\"topic\":\"orders\",\"pubsubname\":\"pubsub\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(Outcome.DELIVERED, new GrpcDelivery(subscription, stub, settings, null, Traces.off()).attempt(event, 1));
        TopicEventRequest got = received.get(0);
        assertEquals("e1", got.getId());
        assertEquals("shop", got.getSource());
        assertEquals("order.placed", got.getType());
        assertEquals("1.0", got.getSpecVersion());
        assertEquals("orders", got.getTopic());
        assertEquals("pubsub", got.getPubsubName());
        assertEquals("/orders", got.getPath());
        assertEquals("{\"item\":\"tea\"}", got.getData().toStringUtf8());
        assertEquals("00-abc-def-01", got.getExtensions().getFieldsOrThrow("traceparent").getStringValue());
        assertTrue(!got.getExtensions().containsFields("data") && !got.getExtensions().containsFields("id"), "fields are not extensions");
    }

    @Test
    void aRawMessageArrivesAsItsOwnBytes() {
        byte[] raw = {0, 1, 2, (byte) 0xff};
        new GrpcDelivery(subscription, stub, settings, null, Traces.off()).attempt(raw, 1);
        assertArrayEquals(raw, received.get(0).getData().toByteArray());
        assertEquals("application/octet-stream", received.get(0).getDataContentType());
    }

    @Test
    void theAppsAnswerDecidesWhatBecomesOfTheMessage() {
        byte[] raw = "x".getBytes(StandardCharsets.UTF_8);
        GrpcDelivery delivery = new GrpcDelivery(subscription, stub, settings, null, Traces.off());
        answer = "RETRY";
        assertEquals(Outcome.RETRY, delivery.attempt(raw, 1));
        answer = "DROP";
        assertEquals(Outcome.DROP, delivery.attempt(raw, 1));
        answer = "error:UNIMPLEMENTED";
        assertEquals(Outcome.DROP, delivery.attempt(raw, 1), "as an HTTP app's 404");
        answer = "error:INTERNAL";
        assertEquals(Outcome.RETRY, delivery.attempt(raw, 1));
    }

    @Test
    void anAppThatCannotBeReachedIsRetried() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        assertEquals(Outcome.RETRY, new GrpcDelivery(subscription, stub, settings, null, Traces.off()).attempt("x".getBytes(StandardCharsets.UTF_8), 1));
        assertNull(GrpcSubscriptionDiscovery.ask(stub), "an app that is not up keeps what runs");
    }

    @Test
    void theAppsListingBecomesSubscriptionsAndOneWithoutPubsubIsIgnored() {
        List<Subscription> listed = GrpcSubscriptionDiscovery.ask(stub);
        assertEquals(List.of(new Subscription("pubsub", "orders", "/orders", "orders-dead", true, "PROGRAMMATIC"),
                new Subscription("pubsub", "audit", "/", null, false, "PROGRAMMATIC")), listed);
    }
}
