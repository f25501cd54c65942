// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.proxy.configuration.ConfigurationApi;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Configuration over gRPC, at Dapr's stable and alpha names alike: get, subscribe (a server stream: first a message
 * with the subscription's id alone, as Dapr sends it, then one message per change), and unsubscribe, which ends the
 * stream. A client that cancels its stream ends the subscription too, so no store subscription outlives its
 * caller. Same stores, bounds and errors as the HTTP API ({@link ConfigurationApi}).
 */
final class ConfigurationCalls extends DaprCalls {
    private final ConfigurationApi api;

    ConfigurationCalls(ConfigurationApi api) {
        this.api = api;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getGetConfigurationMethod(), DaprGrpc.getGetConfigurationAlpha1Method(),
                DaprGrpc.getSubscribeConfigurationMethod(), DaprGrpc.getSubscribeConfigurationAlpha1Method(),
                DaprGrpc.getUnsubscribeConfigurationMethod(), DaprGrpc.getUnsubscribeConfigurationAlpha1Method());
    }

    @Override
    public void getConfiguration(DaprProtos.GetConfigurationRequest request, StreamObserver<DaprProtos.GetConfigurationResponse> out) {
        answer(out, "GetConfiguration", () -> DaprProtos.GetConfigurationResponse.newBuilder()
                .putAllItems(items(api.items(request.getStoreName(), request.getKeysList()))).build());
    }

    @Override
    public void getConfigurationAlpha1(DaprProtos.GetConfigurationRequest request, StreamObserver<DaprProtos.GetConfigurationResponse> out) {
        getConfiguration(request, out);
    }

    @Override
    public void subscribeConfiguration(DaprProtos.SubscribeConfigurationRequest request,
                                       StreamObserver<DaprProtos.SubscribeConfigurationResponse> out) {
        String store = request.getStoreName();
        var call = (ServerCallStreamObserver<DaprProtos.SubscribeConfigurationResponse>) out;
        Stream stream = new Stream(call);
        AtomicReference<String> subscribed = new AtomicReference<>();
        // set while the call starts, as grpc-java requires; runs when the client goes away
        call.setOnCancelHandler(() -> {
            String id = subscribed.get();
            if (id != null) {
                api.unsubscribe(store, id);
            }
        });
        try {
            String id = api.subscribe(store, new ArrayList<>(request.getKeysList()), stream::changed, stream::end);
            subscribed.set(id);
            stream.started(id);
            if (call.isCancelled()) {
                api.unsubscribe(store, id);
            }
        } catch (RuntimeException e) {
            out.onError(status("SubscribeConfiguration", e));
        }
    }

    @Override
    public void subscribeConfigurationAlpha1(DaprProtos.SubscribeConfigurationRequest request,
                                             StreamObserver<DaprProtos.SubscribeConfigurationResponse> out) {
        subscribeConfiguration(request, out);
    }

    @Override
    public void unsubscribeConfiguration(DaprProtos.UnsubscribeConfigurationRequest request,
                                         StreamObserver<DaprProtos.UnsubscribeConfigurationResponse> out) {
        answer(out, "UnsubscribeConfiguration", () -> api.unsubscribe(request.getStoreName(), request.getId())
                ? DaprProtos.UnsubscribeConfigurationResponse.newBuilder().setOk(true).build()
                : DaprProtos.UnsubscribeConfigurationResponse.newBuilder().setOk(false)
                        .setMessage("no configuration subscription " + request.getId()).build());
    }

    @Override
    public void unsubscribeConfigurationAlpha1(DaprProtos.UnsubscribeConfigurationRequest request,
                                               StreamObserver<DaprProtos.UnsubscribeConfigurationResponse> out) {
        unsubscribeConfiguration(request, out);
    }

    static Map<String, CommonProtos.ConfigurationItem> items(Map<String, ConfigurationItem> items) {
        Map<String, CommonProtos.ConfigurationItem> result = new java.util.LinkedHashMap<>();
        items.forEach((key, item) -> result.put(key, CommonProtos.ConfigurationItem.newBuilder().setValue(item.value())
                .setVersion(item.version()).putAllMetadata(item.metadata()).build()));
        return result;
    }

    /**
     * One subscription's stream. The store may report a change before the id message is sent (its thread starts
     * before the subscribe call returns): changes wait until then, so the id always comes first. Changes and the
     * end come from different threads, hence the lock.
     */
    private static final class Stream {
        private final ServerCallStreamObserver<DaprProtos.SubscribeConfigurationResponse> call;
        private final List<Map<String, ConfigurationItem>> early = new ArrayList<>();
        private String id;
        private boolean ended;

        Stream(ServerCallStreamObserver<DaprProtos.SubscribeConfigurationResponse> call) {
            this.call = call;
        }

        synchronized void started(String subscription) {
            id = subscription;
            send(Map.of());
            early.forEach(this::send);
            early.clear();
        }

        synchronized void changed(String ignored, Map<String, ConfigurationItem> items) {
            if (id == null) {
                early.add(items);
            } else {
                send(items);
            }
        }

        synchronized void end() {
            if (!ended && !call.isCancelled()) {
                call.onCompleted();
            }
            ended = true;
        }

        private void send(Map<String, ConfigurationItem> items) {
            if (!ended && !call.isCancelled()) {
                call.onNext(DaprProtos.SubscribeConfigurationResponse.newBuilder().setId(id).putAllItems(items(items)).build());
            }
        }
    }
}
