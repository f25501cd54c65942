// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.SubscriptionInfo;
import io.capaee.proxy.metadata.MetadataSnapshot;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The runtime's metadata over gRPC: app id, runtime version, components and subscriptions. */
final class MetadataCalls extends DaprCalls {
    private final String appId;
    private final Supplier<MetadataSnapshot> metadata;

    MetadataCalls(String appId, Supplier<MetadataSnapshot> metadata) {
        this.appId = appId;
        this.metadata = metadata;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getGetMetadataMethod());
    }

    @Override
    public void getMetadata(DaprProtos.GetMetadataRequest request, StreamObserver<DaprProtos.GetMetadataResponse> out) {
        answer(out, "GetMetadata", () -> response(appId, metadata.get()));
    }

    static DaprProtos.GetMetadataResponse response(String appId, MetadataSnapshot snapshot) {
        DaprProtos.GetMetadataResponse.Builder response = DaprProtos.GetMetadataResponse.newBuilder()
                .setId(appId).setRuntimeVersion(MetadataSnapshot.RUNTIME_VERSION);
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
