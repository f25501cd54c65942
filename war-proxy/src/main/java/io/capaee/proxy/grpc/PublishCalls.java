// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.Empty;
import io.capaee.proxy.pubsub.Publisher;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** Pub/sub over gRPC: publish to a configured broker, in a CloudEvent envelope or raw. */
final class PublishCalls extends DaprCalls {
    private final Publisher publisher;

    PublishCalls(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getPublishEventMethod());
    }

    @Override
    public void publishEvent(DaprProtos.PublishEventRequest request, StreamObserver<Empty> out) {
        answer(out, "PublishEvent", () -> {
            if (request.getTopic().isEmpty()) {
                throw GrpcStatuses.invalid("ERR_TOPIC_NAME_EMPTY", "topic is empty in pubsub " + request.getPubsubName());
            }
            boolean raw = Publisher.rawPayload(request.getMetadataMap().get("rawPayload"));
            String contentType = request.getDataContentType().isEmpty() ? null : request.getDataContentType();
            publisher.publish(request.getPubsubName(), request.getTopic(), request.getData().toByteArray(), contentType, raw);
            return Empty.getDefaultInstance();
        });
    }
}
