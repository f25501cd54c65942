// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOptions;
import io.capaee.proxy.state.QueryPage;
import io.capaee.proxy.state.StateStores;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;

/** State over gRPC: get, bulk get, save, delete, bulk delete, transactions and queries, with ETags and options. */
final class StateCalls extends DaprCalls {
    private final StateStores state;

    StateCalls(StateStores state) {
        this.state = state;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getGetStateMethod(), DaprGrpc.getGetBulkStateMethod(), DaprGrpc.getSaveStateMethod(),
                DaprGrpc.getDeleteStateMethod(), DaprGrpc.getDeleteBulkStateMethod(), DaprGrpc.getExecuteStateTransactionMethod(),
                DaprGrpc.getQueryStateAlpha1Method());
    }

    @Override
    public void getState(DaprProtos.GetStateRequest request, StreamObserver<DaprProtos.GetStateResponse> out) {
        answer(out, "GetState", () -> {
            StateMessages.consistency(request.getConsistency());
            StateEntry entry = state.read(request.getStoreName(), "ERR_STATE_GET", c -> c.get(request.getKey()).orElse(null));
            return StateMessages.response(entry);
        });
    }

    @Override
    public void getBulkState(DaprProtos.GetBulkStateRequest request, StreamObserver<DaprProtos.GetBulkStateResponse> out) {
        answer(out, "GetBulkState", () -> {
            List<String> keys = request.getKeysList();
            Map<String, StateEntry> found = state.read(request.getStoreName(), "ERR_STATE_BULK_GET", c -> c.getBulk(keys));
            DaprProtos.GetBulkStateResponse.Builder response = DaprProtos.GetBulkStateResponse.newBuilder();
            keys.forEach(key -> response.addItems(StateMessages.bulkItem(key, found.get(key))));
            return response.build();
        });
    }

    @Override
    public void saveState(DaprProtos.SaveStateRequest request, StreamObserver<Empty> out) {
        answer(out, "SaveState", () -> {
            List<StateItem> items = StateMessages.items(request.getStatesList());
            state.write(request.getStoreName(), "ERR_STATE_SAVE", c -> c.save(items));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deleteState(DaprProtos.DeleteStateRequest request, StreamObserver<Empty> out) {
        answer(out, "DeleteState", () -> {
            String etag = request.hasEtag() ? request.getEtag().getValue() : null;
            StateOptions options = StateMessages.options(request.getOptions());
            state.write(request.getStoreName(), "ERR_STATE_DELETE", c -> c.delete(request.getKey(), etag, options));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void deleteBulkState(DaprProtos.DeleteBulkStateRequest request, StreamObserver<Empty> out) {
        answer(out, "DeleteBulkState", () -> {
            List<StateItem> items = request.getStatesList().stream().map(i -> StateMessages.item(i, Map.of(), false)).toList();
            state.write(request.getStoreName(), "ERR_STATE_DELETE",
                    c -> items.forEach(item -> c.delete(item.key(), item.etag(), item.options())));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void executeStateTransaction(DaprProtos.ExecuteStateTransactionRequest request, StreamObserver<Empty> out) {
        answer(out, "ExecuteStateTransaction", () -> {
            var operations = StateMessages.operations(request);
            state.write(request.getStoreName(), "ERR_STATE_TRANSACTION", c -> c.transact(operations));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void queryStateAlpha1(DaprProtos.QueryStateRequest request, StreamObserver<DaprProtos.QueryStateResponse> out) {
        answer(out, "QueryStateAlpha1", () -> {
            QueryPage page = state.query(request.getStoreName(), request.getQuery());
            DaprProtos.QueryStateResponse.Builder response = DaprProtos.QueryStateResponse.newBuilder();
            for (StateEntry entry : page.results()) {
                response.addResults(DaprProtos.QueryStateItem.newBuilder().setKey(entry.key())
                        .setData(ByteString.copyFromUtf8(entry.value())).setEtag(entry.etag()));
            }
            if (page.token() != null) {
                response.setToken(page.token());
            }
            return response.build();
        });
    }
}
