// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.ByteString;
import io.capaee.api.json.JsonText;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOperation;
import io.capaee.api.state.StateOptions;
import io.capaee.api.state.UnsupportedStateOperationException;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprProtos;
import jakarta.json.JsonException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dapr's state messages to and from the state API's values. A value travels as bytes over gRPC and is stored as
 * the text the HTTP API stores (the SDKs send JSON): bytes that are not UTF-8 are refused, naming the key, rather
 * than stored changed. An ETag is present when the message has one, even empty (the store refuses an empty one).
 */
final class StateMessages {
    private StateMessages() {}

    static StateItem item(CommonProtos.StateItem item, Map<String, String> requestMetadata, boolean withValue) {
        Map<String, String> metadata = new HashMap<>(requestMetadata);
        metadata.putAll(item.getMetadataMap());
        String etag = item.hasEtag() ? item.getEtag().getValue() : null;
        String value = withValue ? text(item.getKey(), item.getValue()) : null;
        return new StateItem(item.getKey(), value, etag, metadata, options(item.getOptions()));
    }

    static List<StateItem> items(List<CommonProtos.StateItem> items) {
        List<StateItem> result = new ArrayList<>(items.size());
        for (CommonProtos.StateItem item : items) {
            result.add(item(item, Map.of(), true));
        }
        return result;
    }

    static List<StateOperation> operations(DaprProtos.ExecuteStateTransactionRequest request) {
        List<StateOperation> result = new ArrayList<>(request.getOperationsCount());
        for (DaprProtos.TransactionalStateOperation operation : request.getOperationsList()) {
            StateOperation.Type type;
            try {
                type = StateOperation.Type.parse(operation.getOperationType());
            } catch (UnsupportedStateOperationException e) {
                throw GrpcStatuses.invalid("ERR_NOT_SUPPORTED_STATE_OPERATION", "operation type '" + operation.getOperationType()
                        + "' is not supported: upsert or delete");
            }
            result.add(new StateOperation(type, item(operation.getRequest(), request.getMetadataMap(), type == StateOperation.Type.UPSERT)));
        }
        return result;
    }

    static StateOptions options(CommonProtos.StateOptions options) {
        StateOptions.Concurrency concurrency = switch (options.getConcurrency()) {
            case CONCURRENCY_FIRST_WRITE -> StateOptions.Concurrency.FIRST_WRITE;
            case CONCURRENCY_LAST_WRITE -> StateOptions.Concurrency.LAST_WRITE;
            default -> null;
        };
        return new StateOptions(concurrency, consistency(options.getConsistency()));
    }

    static StateOptions.Consistency consistency(CommonProtos.StateOptions.StateConsistency consistency) {
        return switch (consistency) {
            case CONSISTENCY_EVENTUAL -> StateOptions.Consistency.EVENTUAL;
            case CONSISTENCY_STRONG -> StateOptions.Consistency.STRONG;
            default -> null;
        };
    }

    static DaprProtos.GetStateResponse response(StateEntry entry) {
        DaprProtos.GetStateResponse.Builder response = DaprProtos.GetStateResponse.newBuilder();
        if (entry != null) {
            response.setData(ByteString.copyFromUtf8(entry.value())).setEtag(entry.etag());
        }
        return response.build();
    }

    static DaprProtos.BulkStateItem bulkItem(String key, StateEntry entry) {
        DaprProtos.BulkStateItem.Builder item = DaprProtos.BulkStateItem.newBuilder().setKey(key);
        if (entry != null) {
            item.setData(ByteString.copyFromUtf8(entry.value())).setEtag(entry.etag());
        }
        return item.build();
    }

    private static String text(String key, ByteString value) {
        try {
            return JsonText.utf8(value.toByteArray());
        } catch (JsonException e) {
            throw GrpcStatuses.invalid("ERR_MALFORMED_REQUEST", "the value of key '" + key
                    + "' is not UTF-8 text; state values are stored as text (JSON, as the SDKs send them)");
        }
    }
}
