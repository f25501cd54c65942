// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.capaee.proxy.invoke.InvokeClient;
import io.capaee.proxy.invoke.ServiceInvoker;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service invocation over gRPC ({@code InvokeService}) of an HTTP app, as Dapr invokes one: the method is the path, the
 * verb and query come from the HTTP extension (POST when there is none), the data is the body with its content type.
 * A 2xx answer comes back as data and content type. Any other status is an error, as Dapr's: the gRPC code that
 * matches the HTTP status, the app's body (its first {@value #MAX_MESSAGE} bytes) as the message, and the status itself
 * in the trailer {@code dapr-http-status}. The same app ids, path checks and errors as the HTTP API ({@link ServiceInvoker}).
 */
final class InvokeCalls extends DaprCalls {
    static final int MAX_MESSAGE = 1024;
    static final Metadata.Key<String> HTTP_STATUS = Metadata.Key.of("dapr-http-status", Metadata.ASCII_STRING_MARSHALLER);

    private final ServiceInvoker invoker;

    InvokeCalls(ServiceInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    List<MethodDescriptor<?, ?>> methods() {
        return List.of(DaprGrpc.getInvokeServiceMethod());
    }

    @Override
    public void invokeService(DaprProtos.InvokeServiceRequest request, StreamObserver<CommonProtos.InvokeResponse> out) {
        answer(out, "InvokeService", () -> {
            CommonProtos.InvokeRequest message = request.getMessage();
            CommonProtos.HTTPExtension http = message.getHttpExtension();
            String verb = http.getVerb() == CommonProtos.HTTPExtension.Verb.NONE ? "POST" : http.getVerb().name();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (!message.getContentType().isEmpty()) {
                headers.put("Content-Type", List.of(message.getContentType()));
            }
            String method = message.getMethod().startsWith("/") ? message.getMethod().substring(1) : message.getMethod();
            InvokeClient.Answer answer = invoker.invoke(request.getId(), verb, method, http.getQuerystring(), headers,
                    GrpcAccess.CALLER_ADDRESS.get(), message.getData().getValue().toByteArray());
            if (answer.status() / 100 != 2) {
                Metadata trailers = new Metadata();
                trailers.put(HTTP_STATUS, Integer.toString(answer.status()));
                throw Status.fromCode(GrpcStatuses.code(answer.status(), null))
                        .withDescription(excerpt(answer.body())).asRuntimeException(trailers);
            }
            CommonProtos.InvokeResponse.Builder response = CommonProtos.InvokeResponse.newBuilder()
                    .setData(Any.newBuilder().setValue(ByteString.copyFrom(answer.body())));
            answer.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type")).findFirst()
                    .ifPresent(h -> response.setContentType(h.getValue().get(0)));
            return response.build();
        });
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_MESSAGE), StandardCharsets.UTF_8);
        return text.isEmpty() ? "the app answered with no body" : text;
    }
}
