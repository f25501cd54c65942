// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.proxy.secrets.SecretReader;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;

/** Secrets over gRPC: one secret, or all a store lets the caller read. */
final class SecretCalls extends DaprCalls {
    private final SecretReader secrets;

    SecretCalls(SecretReader secrets) {
        this.secrets = secrets;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getGetSecretMethod(), DaprGrpc.getGetBulkSecretMethod());
    }

    @Override
    public void getSecret(DaprProtos.GetSecretRequest request, StreamObserver<DaprProtos.GetSecretResponse> out) {
        answer(out, "GetSecret", () -> {
            Map<String, String> secret = secrets.read(request.getStoreName(), s -> s.get(request.getKey())).orElse(Map.of());
            return DaprProtos.GetSecretResponse.newBuilder().putAllData(secret).build();
        });
    }

    @Override
    public void getBulkSecret(DaprProtos.GetBulkSecretRequest request, StreamObserver<DaprProtos.GetBulkSecretResponse> out) {
        answer(out, "GetBulkSecret", () -> {
            Map<String, Map<String, String>> all = secrets.read(request.getStoreName(), s -> s.bulk());
            DaprProtos.GetBulkSecretResponse.Builder response = DaprProtos.GetBulkSecretResponse.newBuilder();
            all.forEach((name, secret) -> response.putData(name, DaprProtos.SecretResponse.newBuilder().putAllSecrets(secret).build()));
            return response.build();
        });
    }
}
