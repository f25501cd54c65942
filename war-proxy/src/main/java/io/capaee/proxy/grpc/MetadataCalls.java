// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.SubscriptionInfo;
import com.google.protobuf.Empty;
import io.capaee.proxy.metadata.MetadataAttributes;
import io.capaee.proxy.metadata.MetadataSnapshot;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runtime's metadata over gRPC: app id, runtime version, components, subscriptions and the attributes the
 * application set ({@code SetMetadata}, shown in {@code extended_metadata}, shared with the HTTP API).
 */
final class MetadataCalls extends DaprCalls {
    private final String appId;
    private final Supplier<MetadataSnapshot> metadata;
    private final MetadataAttributes attributes;

    MetadataCalls(String appId, Supplier<MetadataSnapshot> metadata, MetadataAttributes attributes) {
        this.appId = appId;
        this.metadata = metadata;
        this.attributes = attributes;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getGetMetadataMethod(), DaprGrpc.getSetMetadataMethod());
    }

    @Override
    public void getMetadata(DaprProtos.GetMetadataRequest request, StreamObserver<DaprProtos.GetMetadataResponse> out) {
        answer(out, "GetMetadata", () -> response(appId, metadata.get(), attributes.extended()));
    }

    @Override
    public void setMetadata(DaprProtos.SetMetadataRequest request, StreamObserver<Empty> out) {
        answer(out, "SetMetadata", () -> {
            attributes.set(request.getKey(), request.getValue());
            return Empty.getDefaultInstance();
        });
    }

    static DaprProtos.GetMetadataResponse response(String appId, MetadataSnapshot snapshot, Map<String, String> extended) {
        DaprProtos.GetMetadataResponse.Builder response = DaprProtos.GetMetadataResponse.newBuilder()
                .setId(appId).setRuntimeVersion(MetadataSnapshot.RUNTIME_VERSION).putAllExtendedMetadata(extended);
        for (ComponentInfo c : snapshot.components()) {
            response.addRegisteredComponents(DaprProtos.RegisteredComponents.newBuilder().setName(c.name()).setType(c.type())
                    .setVersion(c.version()).addAllCapabilities(c.capabilities()));
        }
        for (SubscriptionInfo s : snapshot.subscriptions()) {
            DaprProtos.PubsubSubscription.Builder sub = DaprProtos.PubsubSubscription.newBuilder()
                    .setPubsubName(s.pubsubname()).setTopic(s.topic()).setType(subscriptionType(s.type()))
                    .setRules(DaprProtos.PubsubSubscriptionRules.newBuilder()
                            .addRules(DaprProtos.PubsubSubscriptionRule.newBuilder().setMatch("").setPath(s.path())));
            if (s.deadLetterTopic() != null) {
                sub.setDeadLetterTopic(s.deadLetterTopic());
            }
            response.addSubscriptions(sub);
        }
        return response.build();
    }

    private static DaprProtos.PubsubSubscriptionType subscriptionType(String type) {
        try {
            return DaprProtos.PubsubSubscriptionType.valueOf(type == null ? "" : type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DaprProtos.PubsubSubscriptionType.UNKNOWN;
        }
    }
}
