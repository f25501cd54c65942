// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.pubsub.TopicStream;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsRequestAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsRequestInitialAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsRequestProcessedAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsResponseAlpha1;
import io.dapr.v1.DaprProtos.SubscribeTopicEventsResponseInitialAlpha1;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streaming subscriptions, {@code SubscribeTopicEventsAlpha1}, as Dapr serves them: a bidirectional stream whose first
 * message is the initial request (pubsub, topic, dead-letter topic); the server answers with the initial response, then
 * sends each message of the topic as a {@link TopicEventRequest} and waits for the client's {@code event_processed} of
 * its id before the next (the delivery is the pub/sub machinery's, {@link TopicStream}). The stream's end (the client
 * cancels, half-closes or goes away) ends the subscription; what the client did not acknowledge stays with the broker.
 * The application stopping ends the stream with UNAVAILABLE (Dapr ends it as its API server closes).
 *
 * <p>Refusals end the stream with a status: an unknown pubsub INVALID_ARGUMENT with {@code ERR_PUBSUB_NOT_FOUND}, as
 * Dapr answers it; a first message that is not an initial request, an empty pubsub or topic, and a second initial
 * request INVALID_ARGUMENT naming what was wrong (Dapr ends the stream there too, with an UNKNOWN status).
 */
final class StreamSubscriptionCalls extends DaprCalls {
    private static final Logger LOG = Logger.getLogger(StreamSubscriptionCalls.class.getName());

    /** Starts a streaming subscription (the pub/sub subscriptions' {@code stream}). */
    @FunctionalInterface
    interface Streams {
        /**
         * @param send writes one event to the stream
         * @param stopped run when the server stops the subscription (the application stops)
         */
        TopicStream start(String pubsub, String topic, String deadLetterTopic, Consumer<TopicEventRequest> send, Runnable stopped);
    }

    private final Streams streams;

    StreamSubscriptionCalls(Streams streams) {
        this.streams = streams;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getSubscribeTopicEventsAlpha1Method());
    }

    @Override
    public StreamObserver<SubscribeTopicEventsRequestAlpha1> subscribeTopicEventsAlpha1(StreamObserver<SubscribeTopicEventsResponseAlpha1> out) {
        var call = (ServerCallStreamObserver<SubscribeTopicEventsResponseAlpha1>) out;
        Connection connection = new Connection(call);
        // set while the call starts, as grpc-java requires; runs when the client cancels or goes away
        call.setOnCancelHandler(connection::ended);
        return connection;
    }

    /**
     * One stream. Its inbound messages come one at a time on the call's threads; events go out on the broker loop's
     * thread: the lock keeps the call's writes apart, and keeps events back until the initial response is out. The
     * subscription is closed outside the lock: closing waits for the delivery under way, which may wait for the lock.
     */
    private final class Connection implements StreamObserver<SubscribeTopicEventsRequestAlpha1> {
        private final ServerCallStreamObserver<SubscribeTopicEventsResponseAlpha1> call;
        private TopicStream stream; // guarded by this
        private boolean started; // guarded by this: an initial request came
        private boolean closed; // guarded by this: the call has its status, or the client is gone

        Connection(ServerCallStreamObserver<SubscribeTopicEventsResponseAlpha1> call) {
            this.call = call;
        }

        @Override
        public void onNext(SubscribeTopicEventsRequestAlpha1 message) {
            TopicStream ending;
            synchronized (this) {
                if (closed) {
                    return;
                }
                ending = switch (message.getSubscribeTopicEventsRequestTypeCase()) {
                    case INITIAL_REQUEST -> start(message.getInitialRequest());
                    case EVENT_PROCESSED -> processed(message.getEventProcessed());
                    default -> refuse(started ? "a message after the initial request must be an event_processed"
                            : "the first message must be an initial_request");
                };
            }
            close(ending);
        }

        /** @return the subscription to close, when the stream ends here */
        private TopicStream start(SubscribeTopicEventsRequestInitialAlpha1 initial) {
            if (started) {
                return refuse("duplicate initial request received: a stream subscribes to one topic");
            }
            started = true;
            if (initial.getPubsubName().isEmpty()) {
                return fail(GrpcStatuses.invalid("ERR_PUBSUB_EMPTY", "pubsub name is empty"));
            }
            if (initial.getTopic().isEmpty()) {
                return fail(GrpcStatuses.invalid("ERR_TOPIC_NAME_EMPTY", "topic is empty in pubsub " + initial.getPubsubName()));
            }
            try {
                // events the subscription sends meanwhile wait for this lock, so the initial response goes first
                stream = streams.start(initial.getPubsubName(), initial.getTopic(), initial.getDeadLetterTopic(), this::send, this::stopped);
            } catch (DaprException e) {
                return fail("ERR_PUBSUB_NOT_FOUND".equals(e.errorCode()) ? GrpcStatuses.of(e, Status.Code.INVALID_ARGUMENT)
                        : status("SubscribeTopicEventsAlpha1", e));
            } catch (RuntimeException e) {
                return fail(status("SubscribeTopicEventsAlpha1", e));
            }
            if (call.isCancelled()) {
                closed = true; // the client left while the subscription started
                return stream;
            }
            call.onNext(SubscribeTopicEventsResponseAlpha1.newBuilder()
                    .setInitialResponse(SubscribeTopicEventsResponseInitialAlpha1.getDefaultInstance()).build());
            return null;
        }

        private TopicStream processed(SubscribeTopicEventsRequestProcessedAlpha1 answer) {
            if (stream == null) {
                return refuse("the first message must be an initial_request");
            }
            if (!stream.processed(answer.getId(), answer.getStatus().getStatus())) {
                LOG.log(Level.FINE, "an answer for event {0}, which is not waiting for one", answer.getId());
            }
            return null;
        }

        /** Sends one event; throws when the stream is gone, which the delivery counts as not delivered. */
        private synchronized void send(TopicEventRequest event) {
            if (closed || call.isCancelled()) {
                throw new IllegalStateException("the stream has ended");
            }
            call.onNext(SubscribeTopicEventsResponseAlpha1.newBuilder().setEventMessage(event).build());
        }

        @Override
        public void onError(Throwable t) {
            ended(); // the client cancelled, or its connection is gone
        }

        @Override
        public void onCompleted() {
            TopicStream ending;
            synchronized (this) {
                if (closed) {
                    return;
                }
                // the client half-closed: it unsubscribes, and the call ends well
                closed = true;
                ending = stream;
                call.onCompleted();
            }
            close(ending);
        }

        /** The server stopped the subscription: the stream ends UNAVAILABLE, as a client that may subscribe again expects. */
        private synchronized void stopped() {
            if (!closed && !call.isCancelled()) {
                closed = true;
                call.onError(Status.UNAVAILABLE.withDescription("the server is stopping; subscribe again").asRuntimeException());
            }
            closed = true;
        }

        /** The client cancelled or went away. */
        void ended() {
            TopicStream ending;
            synchronized (this) {
                closed = true;
                ending = stream;
            }
            close(ending);
        }

        private TopicStream refuse(String problem) {
            return fail(GrpcStatuses.invalid("ERR_MALFORMED_REQUEST", problem));
        }

        private TopicStream fail(StatusRuntimeException status) {
            closed = true;
            if (!call.isCancelled()) {
                call.onError(status);
            }
            return stream;
        }

        private static void close(TopicStream ending) {
            if (ending != null) {
                ending.close();
            }
        }
    }
}
