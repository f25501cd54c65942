// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.grpc.AppCallbackChannels;
import io.capaee.proxy.appcallback.HttpStatuses;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.forward.PathSegments;
import io.dapr.v1.CommonProtos;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Service invocation as the HTTP API ({@link InvokeResource}) and the gRPC API share it: the app id resolved, the
 * method path checked, the request sent to {@code {app base URL}/{method-path}?{query}} with the sidecar's own
 * token for the callee, and every failure as Dapr's {@code ERR_DIRECT_INVOKE}: 404 for an unknown app id, 400 for
 * a path that cannot be invoked, 500 when the app cannot be reached (after retries) or does not answer in time.
 * The callee's answer comes back as it is, whatever its status. An app whose URL is {@code grpc://} or
 * {@code grpcs://} is invoked through its {@code AppCallback} service ({@code OnInvoke}) instead, as Dapr invokes
 * an app with {@code --app-protocol grpc}.
 */
@ApplicationScoped
public class ServiceInvoker {
    private static final Logger LOG = Logger.getLogger(ServiceInvoker.class.getName());
    /** Headers that gRPC sets itself: not passed on as metadata. */
    private static final Set<String> GRPC_RESERVED = Set.of("content-type", "te", "user-agent", "content-length",
            "connection", "host", "accept-encoding", "transfer-encoding");

    @Inject
    AppDirectory apps;

    @Inject
    InvokeClient client;

    @Inject
    InvokeConfig config;

    @Inject
    AppCallbackChannels appCallbacks;

    @Inject
    Traces traces;

    /**
     * Invokes {@code methodPath} (no leading '/', percent-encoded as it came) of app {@code appId}. {@code headers} are
     * those to forward; the caller's address is added to {@code X-Forwarded-For}, so that a call relayed back into
     * this server (its own app id) is not taken for a loopback client by the access checks.
     */
    public InvokeClient.Answer invoke(String appId, String httpMethod, String methodPath, String rawQuery,
                                      Map<String, List<String>> headers, String callerAddress, byte[] body) {
        try (TraceSpan span = InvokeTraces.invoke(traces, appId, httpMethod, methodPath)) {
            try {
                InvokeClient.Answer answer = call(appId, httpMethod, methodPath, rawQuery, InvokeTraces.headers(traces, headers),
                        callerAddress, body);
                span.httpStatus(answer.status());
                return answer;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private InvokeClient.Answer call(String appId, String httpMethod, String methodPath, String rawQuery,
                                     Map<String, List<String>> headers, String callerAddress, byte[] body) {
        URI base = apps.resolve(appId).orElseThrow(() -> new DaprException(404, "ERR_DIRECT_INVOKE",
                "no app with id '" + appId + "': not this server's, not in capa.invoke.apps, not in the app registry"));
        Optional<String> unsafe = PathSegments.problem(methodPath);
        if (unsafe.isPresent()) {
            throw new DaprException(400, "ERR_DIRECT_INVOKE", "the method path of app '" + appId + "' cannot be invoked: "
                    + unsafe.get());
        }
        if (AppCallbackChannels.isGrpc(base)) {
            return onInvoke(appId, base, httpMethod, methodPath, rawQuery, headers, body);
        }
        String b = base.toString();
        URI target = URI.create((b.endsWith("/") ? b : b + "/") + methodPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        Map<String, List<String>> forwarded = new LinkedHashMap<>(headers);
        List<String> chain = new java.util.ArrayList<>();
        forwarded.entrySet().removeIf(e -> {
            if (e.getKey().equalsIgnoreCase("X-Forwarded-For")) {
                chain.addAll(e.getValue());
                return true;
            }
            return false;
        });
        chain.add(callerAddress);
        forwarded.put("X-Forwarded-For", List.of(String.join(", ", chain)));
        config.apiToken().ifPresent(token -> forwarded.put("dapr-api-token", List.of(token)));
        try {
            return client.send(target, httpMethod, forwarded, body == null ? new byte[0] : body);
        } catch (AppUnavailableException e) {
            // the detail names the app's address: for the log, the client is told the app id
            LOG.log(Level.WARNING, "app {0} is unavailable: {1}", new Object[] {appId, e.getMessage()});
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' is unavailable");
        } catch (TimeoutException e) {
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' did not answer in time");
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "invoking app {0} failed: {1}", new Object[] {appId, e.getMessage()});
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "invoking app '" + appId + "' failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaprException(500, "ERR_DIRECT_INVOKE", "interrupted while invoking app '" + appId + "'");
        }
    }

    /**
     * Invokes a gRPC app through its {@code AppCallback.OnInvoke}, as Dapr invokes an app with {@code --app-protocol grpc}:
     * the method path, the body with its content type, the verb and query in the HTTP extension; the headers as call
     * metadata (gRPC's own reserved ones excepted). The app's answer comes back as a 200 with its content type; an
     * error status as the HTTP status Dapr maps it to, with the app's message.
     */
    private InvokeClient.Answer onInvoke(String appId, URI app, String httpMethod, String methodPath, String rawQuery,
                                         Map<String, List<String>> headers, byte[] body) {
        CommonProtos.HTTPExtension.Verb verb;
        try {
            verb = CommonProtos.HTTPExtension.Verb.valueOf(httpMethod.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DaprException(400, "ERR_DIRECT_INVOKE", "method " + httpMethod + " cannot be sent to gRPC app '" + appId + "'");
        }
        String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(h -> h.getValue().get(0)).findFirst().orElse("");
        CommonProtos.InvokeRequest request = CommonProtos.InvokeRequest.newBuilder().setMethod(methodPath)
                .setData(Any.newBuilder().setValue(ByteString.copyFrom(body == null ? new byte[0] : body)))
                .setContentType(contentType)
                .setHttpExtension(CommonProtos.HTTPExtension.newBuilder().setVerb(verb).setQuerystring(rawQuery == null ? "" : rawQuery))
                .build();
        Metadata metadata = new Metadata();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            if (!GRPC_RESERVED.contains(key) && !key.startsWith("grpc-") && !key.startsWith(":") && !key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                try {
                    values.forEach(v -> metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), v));
                } catch (IllegalArgumentException e) {
                    // not a valid metadata key or value: the app cannot receive it as one
                }
            }
        });
        CommonProtos.InvokeResponse response;
        try {
            response = appCallbacks.stub(app).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    .withDeadlineAfter(30, TimeUnit.SECONDS).onInvoke(request);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.UNAVAILABLE) {
                LOG.log(Level.WARNING, "app {0} is unavailable: {1}", new Object[] {appId, e.getStatus()});
                throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' is unavailable");
            }
            if (code == Status.Code.DEADLINE_EXCEEDED) {
                throw new DaprException(500, "ERR_DIRECT_INVOKE", "app '" + appId + "' did not answer in time");
            }
            String description = e.getStatus().getDescription();
            throw new DaprException(HttpStatuses.of(code), "ERR_DIRECT_INVOKE", "app '" + appId + "' answered " + code
                    + (description == null ? "" : ": " + description));
        }
        Map<String, List<String>> answerHeaders = response.getContentType().isEmpty() ? Map.of()
                : Map.of("Content-Type", List.of(response.getContentType()));
        return new InvokeClient.Answer(200, answerHeaders, response.getData().getValue().toByteArray());
    }
}
