// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.capaee.api.json.JsonText;
import io.capaee.api.pubsub.DeliveryHandler;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.grpc.AppCallbackChannels;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one subscription's messages to a gRPC app ({@code capa.app.protocol=grpc}) through its {@code AppCallback}
 * service, as Dapr does: {@code OnTopicEvent} with the CloudEvent's attributes as fields, its data as bytes
 * ({@code data_base64} decoded, text as its characters, JSON as its text) and its other attributes as
 * {@code extensions}. The app's {@code SUCCESS} delivers, {@code DROP} and an UNIMPLEMENTED status drop (as an HTTP
 * app's 404), {@code RETRY}, any other error or no answer in time retry. Undelivered messages go where HTTP
 * deliveries' go ({@link DeadLetters}).
 */
final class GrpcDelivery implements DeliveryHandler {
    private static final Logger LOG = Logger.getLogger(GrpcDelivery.class.getName());
    private static final Set<String> FIELDS = Set.of("id", "source", "type", "specversion", "datacontenttype", "data",
            "data_base64", "topic", "pubsubname");

    private final Subscription subscription;
    private final AppCallbackGrpc.AppCallbackBlockingStub app;
    private final String appId;
    private final PubSubConnectionFactory broker;
    private final Duration timeout;
    private final Traces traces;

    GrpcDelivery(Subscription subscription, AppCallbackGrpc.AppCallbackBlockingStub app, SubscriptionSettings settings,
                 PubSubConnectionFactory broker, Traces traces) {
        this.traces = traces;
        this.subscription = subscription;
        this.app = app;
        this.appId = settings.appId();
        this.broker = broker;
        this.timeout = settings.deliveryTimeout();
    }

    @Override
    public Outcome attempt(byte[] message, int attempt) {
        return attempt(message, Map.of(), attempt);
    }

    /** @param headers the message's broker headers: a raw message's trace context, which has no envelope to carry it */
    @Override
    public Outcome attempt(byte[] message, Map<String, String> headers, int attempt) {
        byte[] event = CloudEvents.asEvent(message, appId, subscription.pubsub(), subscription.topic());
        try (TraceSpan span = PubSubTraces.deliver(traces, subscription, event, headers, attempt)) {
            Outcome outcome = send(event, attempt, span);
            span.attribute("capaee.delivery.outcome", outcome.name());
            return outcome;
        }
    }

    private Outcome send(byte[] event, int attempt, TraceSpan span) {
        TopicEventResponse response;
        try {
            // the delivery's context goes in the call's metadata, as Dapr sends it to a gRPC app
            response = AppCallbackChannels.withHeaders(app, PubSubTraces.fields(span))
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).onTopicEvent(request(subscription, event));
        } catch (StatusRuntimeException e) {
            span.failed(e);
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                LOG.log(Level.WARNING, "{0}: the app does not implement OnTopicEvent; the message is dropped", subscription.key());
                return Outcome.DROP;
            }
            LOG.log(Level.FINE, "{0}: delivery {1} failed: {2}", new Object[] {subscription.key(), attempt, e.getStatus()});
            return Outcome.RETRY;
        }
        return switch (response.getStatus()) {
            case SUCCESS -> Outcome.DELIVERED;
            case DROP -> {
                LOG.log(Level.WARNING, "{0}: the app asked to drop a message", subscription.key());
                yield Outcome.DROP;
            }
            default -> Outcome.RETRY;
        };
    }

    @Override
    public boolean undelivered(byte[] message, Outcome last, int attempts) {
        return DeadLetters.undelivered(subscription, broker, message, last, attempts);
    }

    /** The event as Dapr hands it to a gRPC app, and to a streaming subscription ({@link StreamDelivery}). */
    static TopicEventRequest request(Subscription subscription, byte[] envelope) {
        JsonObject event = JsonText.parse(envelope).asJsonObject();
        String contentType = event.getString("datacontenttype", "application/json");
        TopicEventRequest.Builder request = TopicEventRequest.newBuilder()
                .setId(event.getString("id", "")).setSource(event.getString("source", "")).setType(event.getString("type", ""))
                .setSpecVersion(event.getString("specversion", "")).setDataContentType(contentType)
                .setTopic(subscription.topic()).setPubsubName(subscription.pubsub()).setPath(subscription.route())
                .setData(data(event, contentType));
        Struct.Builder extensions = Struct.newBuilder();
        event.forEach((name, value) -> {
            if (!FIELDS.contains(name)) {
                extensions.putFields(name, value(value));
            }
        });
        return request.setExtensions(extensions).build();
    }

    private static ByteString data(JsonObject event, String contentType) {
        if (event.get("data_base64") instanceof JsonString b64) {
            return ByteString.copyFrom(Base64.getDecoder().decode(b64.getString()));
        }
        JsonValue data = event.get("data");
        if (data == null || data == JsonValue.NULL) {
            return ByteString.EMPTY;
        }
        boolean json = contentType.contains("json");
        if (data instanceof JsonString text && !json) {
            return ByteString.copyFromUtf8(text.getString());
        }
        return ByteString.copyFrom(data.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON value as protobuf's {@link Value}, which is what a {@link Struct} holds. */
    private static Value value(JsonValue json) {
        return switch (json.getValueType()) {
            case STRING -> Value.newBuilder().setStringValue(((JsonString) json).getString()).build();
            case NUMBER -> Value.newBuilder().setNumberValue(((JsonNumber) json).doubleValue()).build();
            case TRUE -> Value.newBuilder().setBoolValue(true).build();
            case FALSE -> Value.newBuilder().setBoolValue(false).build();
            case NULL -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            case ARRAY -> {
                ListValue.Builder list = ListValue.newBuilder();
                json.asJsonArray().forEach(v -> list.addValues(value(v)));
                yield Value.newBuilder().setListValue(list).build();
            }
            case OBJECT -> {
                Struct.Builder struct = Struct.newBuilder();
                json.asJsonObject().forEach((k, v) -> struct.putFields(k, value(v)));
                yield Value.newBuilder().setStructValue(struct).build();
            }
        };
    }
}
