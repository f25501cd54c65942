// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import io.capaee.testing.TcpCut;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.DaprPreviewClient;
import io.dapr.client.domain.CloudEvent;
import io.dapr.config.Properties;
import io.dapr.config.Property;
import io.dapr.exceptions.DaprException;
import io.dapr.utils.TypeRef;
import io.dapr.v1.DaprProtos;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.io.Closeable;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import redis.clients.jedis.JedisPooled;

/**
 * Streaming subscriptions ({@code SubscribeTopicEventsAlpha1}) against the running server, on its Redis pub/sub: the
 * Dapr Java SDK 1.16's {@code DaprPreviewClient.subscribeToEvents} (order, a RETRY coming again first, a message the
 * client never answers coming to the next subscriber once the SDK's connection is gone), and the generated stub's
 * messages for what the SDK cannot say (a dead-letter topic, a cancel, a second initial request).
 *
 * <p>It compiles against the SDK 1.11's API, which has neither {@code subscribeToEvents} nor the stream's messages:
 * the SDK is called by reflection, the stub built from the descriptors of the SDK 1.16 it runs with. Like
 * {@link DaprGrpcSdkIT}, it runs in failsafe's execution {@code dapr-grpc-sdk} only.
 */
class DaprGrpcSdkStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ManagedChannel channel;
    private static DaprClient dapr;
    private final List<String> topics = new ArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void connect() {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
        dapr = new DaprClientBuilder().build();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (channel != null) {
            dapr.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            for (String topic : topics) {
                redis.del("it-" + System.getProperty("http.port") + ":" + topic);
            }
        }
    }

    private String topic(String prefix) {
        String topic = Dapr.unique(prefix);
        topics.add(topic);
        return topic;
    }

    private static void publish(String topic, String... messages) {
        for (String m : messages) {
            dapr.publishEvent("pubsub", topic, m).block();
        }
    }

    /** Waits until /v1.0/metadata lists (or no longer lists) a streaming subscription to {@code topic}. */
    private static void awaitListed(String topic, boolean listed) throws Exception {
        Server.await("/v1.0/metadata", r -> r.body().contains("\"" + topic + "\"") == listed, WAIT);
        if (listed) {
            assertTrue(Server.get("/v1.0/metadata").body().contains("STREAMING"));
        }
    }

    @Test
    void theSdkReceivesInOrderARetryComesAgainFirstAndWhatItNeverAnsweredGoesToTheNextSubscriberWhenItsConnectionIsGone()
            throws Exception {
        String topic = topic("stream-sdk");
        List<String> received = new CopyOnWriteArrayList<>();
        List<RuntimeException> errors = new CopyOnWriteArrayList<>();
        TcpCut cut = new TcpCut(Integer.getInteger("dapr.grpc.port"));
        closeAfter.add(cut);
        DaprPreviewClient preview = previewClientOn(cut.port());
        closeAfter.add(preview);
        Closeable subscription = subscribeToEvents(preview, topic, (data, seen) -> switch (data) {
            case "again" -> seen == 1 ? "RETRY" : "SUCCESS";
            case "held" -> null; // never answered
            default -> "SUCCESS";
        }, received, errors);
        closeAfter.add(subscription);
        awaitListed(topic, true);

        publish(topic, "m1", "again", "m2", "m3");
        awaitSize(received, 5);
        assertEquals(List.of("m1", "again", "again", "m2", "m3"), received, "in order; the retried message before the ones behind it");

        publish(topic, "held");
        awaitSize(received, 6);
        assertEquals(List.of(), errors);
        // the SDK's Subscription.close() and DaprClient.close() leave its call open: its connection going ends the stream
        subscription.close();
        cut.cut();
        awaitListed(topic, false);

        RawStream next = RawStream.open(topic, null);
        closeAfter.add(next::cancel);
        assertEquals("held", next.nextData(), "what the first subscriber never acknowledged comes to the next one");
        next.answer("SUCCESS");
        publish(topic, "after");
        assertEquals("after", next.nextData(), "and nothing it acknowledged comes again");
        next.answer("SUCCESS");
    }

    @Test
    void aDroppedMessageGoesToTheDeadLetterTopicNamedInTheInitialRequest() throws Exception {
        String topic = topic("stream-drop");
        String dead = topic("stream-dead");
        RawStream deadLetters = RawStream.open(dead, null);
        closeAfter.add(deadLetters::cancel);
        RawStream stream = RawStream.open(topic, dead);
        closeAfter.add(stream::cancel);
        awaitListed(topic, true);

        publish(topic, "bad", "good");
        DynamicMessage bad = stream.nextEvent();
        assertEquals("bad", RawStream.data(bad));
        stream.answer("DROP");
        assertEquals("good", stream.nextData());
        stream.answer("SUCCESS");

        DynamicMessage buried = deadLetters.nextEvent();
        assertEquals("bad", RawStream.data(buried));
        assertEquals(RawStream.field(bad, "id"), RawStream.field(buried, "id"), "the same event, unchanged");
        deadLetters.answer("SUCCESS");
    }

    @Test
    void aCancelledStreamGetsNothingMoreAndTheTopicWaitsForTheNextSubscriber() throws Exception {
        String topic = topic("stream-cancel");
        RawStream first = RawStream.open(topic, null);
        closeAfter.add(first::cancel);
        awaitListed(topic, true);
        publish(topic, "c1");
        assertEquals("c1", first.nextData());
        first.answer("SUCCESS");
        first.cancel();
        awaitListed(topic, false);

        publish(topic, "c2");
        RawStream second = RawStream.open(topic, null);
        closeAfter.add(second::cancel);
        assertEquals("c2", second.nextData());
        second.answer("SUCCESS");
        assertTrue(first.events.isEmpty(), "the cancelled stream received nothing more");
    }

    @Test
    void aSecondInitialRequestAndAnUnknownPubsubAreRefused() throws Exception {
        String topic = topic("stream-twice");
        RawStream stream = RawStream.open(topic, null);
        stream.requests.onNext(RawStream.initial("pubsub", topic + "-other", null));
        StatusRuntimeException twice = stream.refusal();
        assertEquals(Status.Code.INVALID_ARGUMENT, twice.getStatus().getCode());
        assertTrue(twice.getStatus().getDescription().contains("duplicate initial request"), twice.getStatus().getDescription());
        awaitListed(topic, false);

        // through the SDK: its listener hears of the refusal as a DaprException
        List<RuntimeException> errors = new CopyOnWriteArrayList<>();
        DaprPreviewClient preview = new DaprClientBuilder().buildPreviewClient();
        Closeable nowhere = subscribeToEvents(preview, "nope", topic, (data, seen) -> "SUCCESS", new CopyOnWriteArrayList<>(), errors);
        closeAfter.add(nowhere);
        closeAfter.add(preview);
        awaitSize(errors, 1);
        DaprException refused = assertInstanceOf(DaprException.class, errors.get(0));
        assertEquals("INVALID_ARGUMENT", refused.getErrorCode());
        assertTrue(refused.getMessage().contains("pubsub nope is not found"), refused.getMessage());
    }

    @Test
    void streamsBeyondCapaPubsubMaxStreamsAreRefusedUntilOneEnds() throws Exception {
        // this class alone opens streams, and each test's end with it: wait until the last test's are gone
        Server.await("/v1.0/metadata", r -> !r.body().contains("STREAMING"), WAIT);
        int max = 4; // capa.pubsub.max-streams of the test server (liberty-config/pom.xml)
        List<String> open = new ArrayList<>();
        RawStream first = null;
        for (int i = 0; i < max; i++) {
            open.add(topic("stream-bound"));
            RawStream stream = RawStream.open(open.get(i), null);
            closeAfter.add(stream::cancel);
            first = first == null ? stream : first;
        }
        RawStream beyond = RawStream.start(topic("stream-bound"), null);
        closeAfter.add(beyond::cancel);
        StatusRuntimeException refused = beyond.refusal();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("capa.pubsub.max-streams"), refused.getStatus().getDescription());

        first.cancel();
        awaitListed(open.get(0), false);
        RawStream next = RawStream.open(topic("stream-bound"), null);
        closeAfter.add(next::cancel);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(size, list.size(), String.valueOf(list));
    }

    /** A preview client on another port than {@code dapr.grpc.port} ({@code withPropertyOverride} is new since 1.11). */
    private static DaprPreviewClient previewClientOn(int port) throws Exception {
        DaprClientBuilder builder = new DaprClientBuilder();
        DaprClientBuilder.class.getMethod("withPropertyOverride", Property.class, String.class)
                .invoke(builder, Properties.GRPC_PORT, String.valueOf(port));
        return builder.buildPreviewClient();
    }

    /** How the listener answers an event's data, the {@code seen}-th time it sees it: a status name, or null for never. */
    private interface Answers {
        String answer(String data, int seen);
    }

    private static Closeable subscribeToEvents(DaprPreviewClient preview, String topic, Answers answers, List<String> received,
                                               List<RuntimeException> errors) throws Exception {
        return subscribeToEvents(preview, "pubsub", topic, answers, received, errors);
    }

    /**
     * {@code preview.subscribeToEvents(pubsub, topic, listener, TypeRef.STRING)}, new since the SDK 1.11: by reflection,
     * the {@code SubscriptionListener} a proxy that records each event's data and answers as {@code answers} says.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Closeable subscribeToEvents(DaprPreviewClient preview, String pubsub, String topic, Answers answers,
                                               List<String> received, List<RuntimeException> errors) throws Exception {
        Class<?> listenerType = Class.forName("io.dapr.client.SubscriptionListener");
        Class<? extends Enum> statusType = (Class<? extends Enum>) Class.forName("io.dapr.client.SubscriptionListener$Status");
        Object listener = Proxy.newProxyInstance(DaprGrpcSdkStreamIT.class.getClassLoader(), new Class<?>[] {listenerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "onEvent" -> {
                        String data = (String) ((CloudEvent<?>) args[0]).getData();
                        received.add(data);
                        String status = answers.answer(data, (int) received.stream().filter(data::equals).count());
                        yield status == null ? Mono.never() : Mono.just(Enum.valueOf(statusType, status));
                    }
                    case "onError" -> {
                        errors.add((RuntimeException) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "SubscriptionListener of " + topic;
                });
        return (Closeable) DaprPreviewClient.class.getMethod("subscribeToEvents", String.class, String.class, listenerType, TypeRef.class)
                .invoke(preview, pubsub, topic, listener, TypeRef.STRING);
    }

    /** One stream through the generated stub's messages (SDK 1.16's descriptors): events in, answers out. */
    private static final class RawStream implements StreamObserver<DynamicMessage> {
        final BlockingQueue<DynamicMessage> events = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> end = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> initialResponse = new LinkedBlockingQueue<>();
        ClientCallStreamObserver<DynamicMessage> requests;
        private String lastId;

        static RawStream open(String topic, String deadLetterTopic) throws Exception {
            RawStream stream = start(topic, deadLetterTopic);
            assertNotNull(stream.initialResponse.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the initial response; ended with " + stream.end.peek());
            return stream;
        }

        /** Sends the initial request, and does not wait for the answer. */
        static RawStream start(String topic, String deadLetterTopic) {
            RawStream stream = new RawStream();
            MethodDescriptor<DynamicMessage, DynamicMessage> method = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName("dapr.proto.runtime.v1.Dapr/SubscribeTopicEventsAlpha1")
                    .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(type("SubscribeTopicEventsRequestAlpha1"))))
                    .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(type("SubscribeTopicEventsResponseAlpha1"))))
                    .build();
            stream.requests = (ClientCallStreamObserver<DynamicMessage>) ClientCalls.asyncBidiStreamingCall(
                    channel.newCall(method, CallOptions.DEFAULT), stream);
            stream.requests.onNext(initial("pubsub", topic, deadLetterTopic));
            return stream;
        }

        static Descriptor type(String name) {
            return DaprProtos.getDescriptor().findMessageTypeByName(name);
        }

        static DynamicMessage initial(String pubsub, String topic, String deadLetterTopic) {
            Descriptor initial = type("SubscribeTopicEventsRequestInitialAlpha1");
            DynamicMessage.Builder b = DynamicMessage.newBuilder(initial).setField(initial.findFieldByName("pubsub_name"), pubsub)
                    .setField(initial.findFieldByName("topic"), topic);
            if (deadLetterTopic != null) {
                b.setField(initial.findFieldByName("dead_letter_topic"), deadLetterTopic);
            }
            Descriptor request = type("SubscribeTopicEventsRequestAlpha1");
            return DynamicMessage.newBuilder(request).setField(request.findFieldByName("initial_request"), b.build()).build();
        }

        static Object field(DynamicMessage message, String name) {
            return message.getField(message.getDescriptorForType().findFieldByName(name));
        }

        /** The event's data as the SDK's String deserializer reads it: a JSON string's text. */
        static String data(DynamicMessage event) {
            String json = ((com.google.protobuf.ByteString) field(event, "data")).toStringUtf8();
            return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
        }

        DynamicMessage nextEvent() throws InterruptedException {
            DynamicMessage event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(event, "an event came; ended with " + end.peek());
            lastId = (String) field(event, "id");
            return event;
        }

        String nextData() throws InterruptedException {
            return data(nextEvent());
        }

        /** Answers the last event received. */
        void answer(String status) {
            Descriptor processed = type("SubscribeTopicEventsRequestProcessedAlpha1");
            FieldDescriptor statusField = processed.findFieldByName("status");
            Descriptor response = statusField.getMessageType();
            FieldDescriptor code = response.findFieldByName("status");
            DynamicMessage answer = DynamicMessage.newBuilder(processed).setField(processed.findFieldByName("id"), lastId)
                    .setField(statusField, DynamicMessage.newBuilder(response).setField(code, code.getEnumType().findValueByName(status)).build())
                    .build();
            Descriptor request = type("SubscribeTopicEventsRequestAlpha1");
            requests.onNext(DynamicMessage.newBuilder(request).setField(request.findFieldByName("event_processed"), answer).build());
        }

        void cancel() {
            requests.cancel("the test is done with it", null);
        }

        StatusRuntimeException refusal() throws InterruptedException {
            return assertInstanceOf(StatusRuntimeException.class, end.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }

        @Override
        public void onNext(DynamicMessage message) {
            FieldDescriptor event = message.getDescriptorForType().findFieldByName("event_message");
            if (message.hasField(event)) {
                events.add((DynamicMessage) message.getField(event));
            } else {
                initialResponse.add(message);
            }
        }

        @Override
        public void onError(Throwable t) {
            end.add(t);
        }

        @Override
        public void onCompleted() {
            end.add("OK");
        }
    }
}
