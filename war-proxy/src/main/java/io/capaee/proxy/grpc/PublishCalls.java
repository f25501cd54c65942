// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.Empty;
import io.capaee.proxy.pubsub.BulkEntry;
import io.capaee.proxy.pubsub.BulkFailure;
import io.capaee.proxy.pubsub.Publisher;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Pub/sub over gRPC: publish to a configured broker, in a CloudEvent envelope or raw; bulk publish answers the
 * entries the broker did not take in {@code failedEntries} with status OK, as Dapr does (the others are published).
 */
final class PublishCalls extends DaprCalls {
    private final Publisher publisher;

    PublishCalls(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getPublishEventMethod(), DaprGrpc.getBulkPublishEventAlpha1Method());
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

    @Override
    public void bulkPublishEventAlpha1(DaprProtos.BulkPublishRequest request, StreamObserver<DaprProtos.BulkPublishResponse> out) {
        answer(out, "BulkPublishEventAlpha1", () -> {
            if (request.getTopic().isEmpty()) {
                throw GrpcStatuses.invalid("ERR_TOPIC_NAME_EMPTY", "topic is empty in pubsub " + request.getPubsubName());
            }
            boolean raw = Publisher.rawPayload(request.getMetadataMap().get("rawPayload"));
            List<BulkEntry> entries = request.getEntriesList().stream()
                    .map(e -> new BulkEntry(e.getEntryId(), e.getEvent().toByteArray(), e.getContentType())).toList();
            DaprProtos.BulkPublishResponse.Builder response = DaprProtos.BulkPublishResponse.newBuilder();
            for (BulkFailure failure : publisher.publishBulk(request.getPubsubName(), request.getTopic(), entries, raw)) {
                response.addFailedEntries(DaprProtos.BulkPublishResponseFailedEntry.newBuilder()
                        .setEntryId(failure.entryId()).setError(failure.error()));
            }
            return response.build();
        });
    }
}
