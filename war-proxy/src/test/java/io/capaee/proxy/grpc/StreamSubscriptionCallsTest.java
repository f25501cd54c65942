// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ErrorInfo;
import io.capaee.api.security.Access;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.SecuritySettings;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.pubsub.TopicStream;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsRequestAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsRequestInitialAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsRequestProcessedAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsResponseAlpha1;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SubscribeTopicEventsAlpha1} over a real loopback connection, on a recording subscription in place of the
 * pub/sub machinery: the order of the stream's messages, where the client's answers go, the refusals and their codes,
 * and that every end of the stream ends the subscription.
 */
class StreamSubscriptionCallsTest {
    private static final String TOKEN = "stream-test-token";
    private final List<Started> started = new CopyOnWriteArrayList<>();
    private final ExecutorService callThreads = Executors.newFixedThreadPool(4);
    private Server server;
    private ManagedChannel channel;

    /** One subscription the calls started, and what happened to it. */
    private record Started(String pubsub, String topic, String deadLetterTopic, Consumer<TopicEventRequest> send, Runnable stopped,
                           BlockingQueue<String> answers, CountDownLatch closed) implements TopicStream {
        @Override
        public boolean processed(String id, TopicEventResponseStatus status) {
            return answers.add(id + " " + status);
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** What the client receives: messages, then the status it ends with ("OK" when completed). */
    private static final class Received implements ClientResponseObserver<SubscribeTopicEventsRequestAlpha1, SubscribeTopicEventsResponseAlpha1> {
        final BlockingQueue<SubscribeTopicEventsResponseAlpha1> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> end = new LinkedBlockingQueue<>();
        ClientCallStreamObserver<SubscribeTopicEventsRequestAlpha1> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<SubscribeTopicEventsRequestAlpha1> requests) {
            call = requests;
        }

        @Override
        public void onNext(SubscribeTopicEventsResponseAlpha1 message) {
            messages.add(message);
        }

        @Override
        public void onError(Throwable t) {
            end.add(t);
        }

        @Override
        public void onCompleted() {
            end.add("OK");
        }

        SubscribeTopicEventsResponseAlpha1 next() throws InterruptedException {
            SubscribeTopicEventsResponseAlpha1 message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "a message came");
            return message;
        }

        StatusRuntimeException refusal() throws InterruptedException {
            return assertInstanceOf(StatusRuntimeException.class, end.poll(10, TimeUnit.SECONDS));
        }
    }

    private DaprGrpc.DaprStub start(List<String> appTokens) throws Exception {
        StreamSubscriptionCalls.Streams streams = (pubsub, topic, deadLetterTopic, send, stopped) -> {
            if (!pubsub.equals("pubsub")) {
                throw new DaprException(404, "ERR_PUBSUB_NOT_FOUND", "pubsub " + pubsub + " is not found");
            }
            Started s = new Started(pubsub, topic, deadLetterTopic, send, stopped, new LinkedBlockingQueue<>(), new CountDownLatch(1));
            started.add(s);
            return s;
        };
        AccessPolicy policy = new AccessPolicy(new SecuritySettings(List.of(), appTokens, true, Access.PUBLIC));
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).executor(callThreads)
                .addService(ServerInterceptors.intercept(DaprService.of(List.of(new StreamSubscriptionCalls(streams))),
                        new GrpcAccess(() -> policy))).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        return DaprGrpc.newStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        callThreads.shutdownNow();
    }

    private static SubscribeTopicEventsRequestAlpha1 initial(String pubsub, String topic, String deadLetterTopic) {
        SubscribeTopicEventsRequestInitialAlpha1.Builder initial = SubscribeTopicEventsRequestInitialAlpha1.newBuilder()
                .setPubsubName(pubsub).setTopic(topic);
        if (deadLetterTopic != null) {
            initial.setDeadLetterTopic(deadLetterTopic);
        }
        return SubscribeTopicEventsRequestAlpha1.newBuilder().setInitialRequest(initial).build();
    }

    private static SubscribeTopicEventsRequestAlpha1 processed(String id, TopicEventResponseStatus status) {
        return SubscribeTopicEventsRequestAlpha1.newBuilder().setEventProcessed(SubscribeTopicEventsRequestProcessedAlpha1.newBuilder()
                .setId(id).setStatus(TopicEventResponse.newBuilder().setStatus(status))).build();
    }

    private Started subscribed(DaprGrpc.DaprStub dapr, Received received) throws Exception {
        StreamObserver<SubscribeTopicEventsRequestAlpha1> requests = dapr.subscribeTopicEventsAlpha1(received);
        requests.onNext(initial("pubsub", "orders", "orders-dead"));
        assertEquals(SubscribeTopicEventsResponseAlpha1.SubscribeTopicEventsResponseTypeCase.INITIAL_RESPONSE,
                received.next().getSubscribeTopicEventsResponseTypeCase(), "the initial response comes first");
        assertEquals(1, started.size());
        return started.get(0);
    }

    @Test
    void theInitialResponseComesFirstThenEventsWhoseAnswersReachTheSubscriptionUntilTheClientHalfCloses() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        Started s = subscribed(dapr, received);
        assertEquals(List.of("pubsub", "orders", "orders-dead"), List.of(s.pubsub(), s.topic(), s.deadLetterTopic()));

        for (String id : List.of("e1", "e2")) {
            s.send().accept(TopicEventRequest.newBuilder().setId(id).setTopic("orders").setPubsubName("pubsub").build());
            assertEquals(id, received.next().getEventMessage().getId());
        }
        received.call.onNext(processed("e1", TopicEventResponseStatus.RETRY));
        received.call.onNext(processed("e2", TopicEventResponseStatus.DROP));
        assertEquals("e1 RETRY", s.answers().poll(10, TimeUnit.SECONDS));
        assertEquals("e2 DROP", s.answers().poll(10, TimeUnit.SECONDS));

        received.call.onCompleted();
        assertEquals("OK", received.end.poll(10, TimeUnit.SECONDS), "half-closing unsubscribes, and the call ends well");
        assertTrue(s.closed().await(10, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> s.send().accept(TopicEventRequest.getDefaultInstance()),
                "nothing is sent on an ended stream");
    }

    @Test
    void aStreamTheClientCancelsEndsItsSubscription() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        Started s = subscribed(dapr, received);
        received.call.cancel("done", null);
        assertTrue(s.closed().await(10, TimeUnit.SECONDS));
    }

    @Test
    void aStreamWhoseConnectionIsGoneEndsItsSubscription() throws Exception {
        var dapr = start(List.of());
        Started s = subscribed(dapr, new Received());
        channel.shutdownNow();
        assertTrue(s.closed().await(10, TimeUnit.SECONDS));
    }

    @Test
    void aSubscriptionTheServerStopsEndsItsStreamUnavailable() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        Started s = subscribed(dapr, received);
        s.stopped().run();
        assertEquals(Status.Code.UNAVAILABLE, received.refusal().getStatus().getCode());
        assertThrows(IllegalStateException.class, () -> s.send().accept(TopicEventRequest.getDefaultInstance()));
    }

    @Test
    void aSecondInitialRequestIsRefusedAndEndsTheSubscription() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        Started s = subscribed(dapr, received);
        received.call.onNext(initial("pubsub", "other", null));
        StatusRuntimeException refused = received.refusal();
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("duplicate initial request"), refused.getStatus().getDescription());
        assertTrue(s.closed().await(10, TimeUnit.SECONDS));
        assertEquals(1, started.size(), "the second topic was not subscribed");
    }

    @Test
    void anAnswerBeforeTheInitialRequestIsRefused() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        dapr.subscribeTopicEventsAlpha1(received).onNext(processed("e1", TopicEventResponseStatus.SUCCESS));
        StatusRuntimeException refused = received.refusal();
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("initial_request"), refused.getStatus().getDescription());
        assertEquals(List.of(), started);
    }

    @Test
    void anUnknownPubsubIsInvalidArgumentWithDaprsErrorCodeAsDaprAnswersIt() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        dapr.subscribeTopicEventsAlpha1(received).onNext(initial("nope", "orders", null));
        StatusRuntimeException refused = received.refusal();
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals("pubsub nope is not found", refused.getStatus().getDescription());
        assertEquals(Map.of("ERR_PUBSUB_NOT_FOUND", "dapr.io"), errorInfo(refused));
        assertTrue(received.messages.isEmpty(), "no initial response");
    }

    @Test
    void anEmptyTopicIsRefusedNamingThePubsub() throws Exception {
        var dapr = start(List.of());
        Received received = new Received();
        dapr.subscribeTopicEventsAlpha1(received).onNext(initial("pubsub", "", null));
        StatusRuntimeException refused = received.refusal();
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals(Map.of("ERR_TOPIC_NAME_EMPTY", "dapr.io"), errorInfo(refused));
        assertEquals(List.of(), started);
    }

    @Test
    void withATokenConfiguredAStreamNeedsItAsEveryOtherCall() throws Exception {
        var dapr = start(List.of(TOKEN));
        Received refusedCall = new Received();
        dapr.subscribeTopicEventsAlpha1(refusedCall).onNext(initial("pubsub", "orders", null));
        assertEquals(Status.Code.UNAUTHENTICATED, refusedCall.refusal().getStatus().getCode());
        assertEquals(List.of(), started);

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("dapr-api-token", Metadata.ASCII_STRING_MARSHALLER), TOKEN);
        subscribed(dapr.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)), new Received());
    }

    private static Map<String, String> errorInfo(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertNotNull(status, "status details");
        ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
        return Map.of(info.getReason(), info.getDomain());
    }
}
