// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOptions;
import io.capaee.proxy.bindings.OutputBindings;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.SubscriptionInfo;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.lock.Locks;
import io.capaee.proxy.metadata.MetadataSnapshot;
import io.capaee.proxy.pubsub.Publisher;
import io.capaee.proxy.secrets.SecretReader;
import io.capaee.proxy.state.StateStores;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dapr's {@code dapr.proto.runtime.v1.Dapr} service on the building-block classes the HTTP API uses: state
 * (with ETags and transactions), publish, output bindings, secrets, locks and metadata. Every other call of
 * the service answers UNIMPLEMENTED at once, naming the method (grpc-java's answer for a method the base
 * class does not override). Refusals carry the HTTP API's messages and Dapr's codes ({@link GrpcStatuses}).
 */
final class DaprService extends DaprGrpc.DaprImplBase {
    private static final Logger LOG = Logger.getLogger(DaprService.class.getName());

    /** The building blocks this service calls, and the app id it reports. */
    record BuildingBlocks(StateStores state, Publisher publisher, OutputBindingCalls bindings, SecretReader secrets, Locks locks,
            Supplier<MetadataSnapshot> metadata, String appId) {}

    /** Invokes an output binding by name ({@link OutputBindings#invoke} in the server). */
    interface OutputBindingCalls {
        BindingResponse invoke(String name, BindingRequest request);
    }

    private final BuildingBlocks blocks;

    DaprService(BuildingBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void getState(DaprProtos.GetStateRequest request, StreamObserver<DaprProtos.GetStateResponse> out) {
        answer(out, "GetState", () -> {
            StateMessages.consistency(request.getConsistency());
            StateEntry entry = blocks.state().read(request.getStoreName(), "ERR_STATE_GET", c -> c.get(request.getKey()).orElse(null));
            return StateMessages.response(entry);
        });
    }

    @Override
    public void getBulkState(DaprProtos.GetBulkStateRequest request, StreamObserver<DaprProtos.GetBulkStateResponse> out) {
        answer(out, "GetBulkState", () -> {
            List<String> keys = request.getKeysList();
            Map<String, StateEntry> found = blocks.state().read(request.getStoreName(), "ERR_STATE_BULK_GET", c -> c.getBulk(keys));
            DaprProtos.GetBulkStateResponse.Builder response = DaprProtos.GetBulkStateResponse.newBuilder();
            keys.forEach(key -> response.addItems(StateMessages.bulkItem(key, found.get(key))));
            return response.build();
        });
    }

    @Override
    public void saveState(DaprProtos.SaveStateRequest request, StreamObserver<Empty> out) {
        answer(out, "SaveState", () -> {
            List<StateItem> items = StateMessages.items(request.getStatesList());
            blocks.state().write(request.getStoreName(), "ERR_STATE_SAVE", c -> c.save(items));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deleteState(DaprProtos.DeleteStateRequest request, StreamObserver<Empty> out) {
        answer(out, "DeleteState", () -> {
            String etag = request.hasEtag() ? request.getEtag().getValue() : null;
            StateOptions options = StateMessages.options(request.getOptions());
            blocks.state().write(request.getStoreName(), "ERR_STATE_DELETE", c -> c.delete(request.getKey(), etag, options));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deleteBulkState(DaprProtos.DeleteBulkStateRequest request, StreamObserver<Empty> out) {
        answer(out, "DeleteBulkState", () -> {
            List<StateItem> items = request.getStatesList().stream().map(i -> StateMessages.item(i, Map.of(), false)).toList();
            blocks.state().write(request.getStoreName(), "ERR_STATE_DELETE",
                    c -> items.forEach(item -> c.delete(item.key(), item.etag(), item.options())));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void executeStateTransaction(DaprProtos.ExecuteStateTransactionRequest request, StreamObserver<Empty> out) {
        answer(out, "ExecuteStateTransaction", () -> {
            var operations = StateMessages.operations(request);
            blocks.state().write(request.getStoreName(), "ERR_STATE_TRANSACTION", c -> c.transact(operations));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void publishEvent(DaprProtos.PublishEventRequest request, StreamObserver<Empty> out) {
        answer(out, "PublishEvent", () -> {
            if (request.getTopic().isEmpty()) {
                throw GrpcStatuses.invalid("ERR_TOPIC_NAME_EMPTY", "topic is empty in pubsub " + request.getPubsubName());
            }
            boolean raw = Publisher.rawPayload(request.getMetadataMap().get("rawPayload"));
            String contentType = request.getDataContentType().isEmpty() ? null : request.getDataContentType();
            blocks.publisher().publish(request.getPubsubName(), request.getTopic(), request.getData().toByteArray(), contentType, raw);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void invokeBinding(DaprProtos.InvokeBindingRequest request, StreamObserver<DaprProtos.InvokeBindingResponse> out) {
        answer(out, "InvokeBinding", () -> {
            if (request.getOperation().isEmpty()) {
                throw GrpcStatuses.invalid("ERR_INVOKE_OUTPUT_BINDING", "the operation of a call to output binding "
                        + request.getName() + " is empty, e.g. \"create\"");
            }
            BindingResponse result = blocks.bindings().invoke(request.getName(),
                    new BindingRequest(request.getOperation(), request.getData().toByteArray(), request.getMetadataMap()));
            // a binding that answers nothing (create, delete) has no data at all
            ByteString data = result.hasData() ? ByteString.copyFrom(result.data()) : ByteString.EMPTY;
            return DaprProtos.InvokeBindingResponse.newBuilder().setData(data).putAllMetadata(result.metadata()).build();
        });
    }

    @Override
    public void getSecret(DaprProtos.GetSecretRequest request, StreamObserver<DaprProtos.GetSecretResponse> out) {
        answer(out, "GetSecret", () -> {
            Map<String, String> secret = blocks.secrets().read(request.getStoreName(), s -> s.get(request.getKey())).orElse(Map.of());
            return DaprProtos.GetSecretResponse.newBuilder().putAllData(secret).build();
        });
    }

    @Override
    public void getBulkSecret(DaprProtos.GetBulkSecretRequest request, StreamObserver<DaprProtos.GetBulkSecretResponse> out) {
        answer(out, "GetBulkSecret", () -> {
            Map<String, Map<String, String>> all = blocks.secrets().read(request.getStoreName(), s -> s.bulk());
            DaprProtos.GetBulkSecretResponse.Builder response = DaprProtos.GetBulkSecretResponse.newBuilder();
            all.forEach((name, secret) -> response.putData(name, DaprProtos.SecretResponse.newBuilder().putAllSecrets(secret).build()));
            return response.build();
        });
    }

    @Override
    public void tryLockAlpha1(DaprProtos.TryLockRequest request, StreamObserver<DaprProtos.TryLockResponse> out) {
        answer(out, "TryLockAlpha1", () -> DaprProtos.TryLockResponse.newBuilder().setSuccess(blocks.locks().tryLock(
                request.getStoreName(), request.getResourceId(), request.getLockOwner(), request.getExpiryInSeconds())).build());
    }

    @Override
    public void unlockAlpha1(DaprProtos.UnlockRequest request, StreamObserver<DaprProtos.UnlockResponse> out) {
        answer(out, "UnlockAlpha1", () -> {
            var status = blocks.locks().unlock(request.getStoreName(), request.getResourceId(), request.getLockOwner());
            return DaprProtos.UnlockResponse.newBuilder().setStatusValue(status.code()).build();
        });
    }

    @Override
    public void getMetadata(DaprProtos.GetMetadataRequest request, StreamObserver<DaprProtos.GetMetadataResponse> out) {
        answer(out, "GetMetadata", () -> metadata(blocks.appId(), blocks.metadata().get()));
    }

    static DaprProtos.GetMetadataResponse metadata(String appId, MetadataSnapshot snapshot) {
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

    /** Runs one unary call: its answer, or the status of its refusal; never leaves the call open. */
    static <T> void answer(StreamObserver<T> out, String method, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (DaprException e) {
            out.onError(GrpcStatuses.of(e));
            return;
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gRPC call " + method + " failed", e);
            out.onError(Status.INTERNAL.withDescription(method + " failed; the server log has the detail").asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}
