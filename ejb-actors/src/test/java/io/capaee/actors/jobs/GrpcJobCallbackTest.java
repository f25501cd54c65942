// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.InvalidValueException;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobSpec;
import io.capaee.grpc.AppCallbackChannels;
import io.dapr.v1.AppCallbackAlphaGrpc;
import io.dapr.v1.DaprAppCallbackProtos.JobEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.JobEventResponse;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JobTargets} with a gRPC app ({@code capa.app.protocol=grpc}): {@link GrpcJobCallback} against a real gRPC server on loopback. */
class GrpcJobCallbackTest {
    private final List<JobEventRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final AppCallbackChannels channels = new AppCallbackChannels();
    private final Server app;

    GrpcJobCallbackTest() throws IOException {
        app = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ServerInterceptors.intercept(
                new AppCallbackAlphaGrpc.AppCallbackAlphaImplBase() {
            @Override
            public void onJobEventAlpha1(JobEventRequest request, StreamObserver<JobEventResponse> out) {
                if (request.getName().startsWith("down")) {
                    out.onError(Status.UNAVAILABLE.withDescription("not now").asRuntimeException());
                    return;
                }
                received.add(request);
                out.onNext(JobEventResponse.getDefaultInstance());
                out.onCompleted();
            }
        }, new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                traceparents.add(String.valueOf(headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER))));
                return next.startCall(call, headers);
            }
        })).build().start();
    }

    @AfterEach
    void stop() {
        channels.close();
        app.shutdownNow();
    }

    private JobTargets targets() {
        String appUrl = "http://127.0.0.1:" + app.getPort();
        return new JobTargets(HttpClient.newHttpClient(), Duration.ofSeconds(5), appUrl, List.of(), "http://127.0.0.1:1/wasm/functions",
                Optional.empty(), null, name -> {
                    throw new JobException(JobException.Reason.DELIVERY, "no binding " + name);
                }, Optional.of(new GrpcJobCallback(channels, URI.create(appUrl), Duration.ofSeconds(5))));
    }

    @Test
    void theCallCarriesTheFiringsSpanInItsMetadata() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String firing = "00f067aa0ba902b7";
        try (Scope in = Span.wrap(SpanContext.create(trace, firing, TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent()) {
            targets().deliver(new JobSpec("traced", "@daily", null, 0, null, null, null));
        }
        targets().deliver(new JobSpec("untraced", "@daily", null, 0, null, null, null));
        assertEquals(List.of("00-" + trace + "-" + firing + "-01", "null"), traceparents);
    }

    @Test
    void withoutATargetAJobGoesToTheAppsOnJobEventAsDaprSendsIt() {
        targets().deliver(new JobSpec("nightly", "@daily", null, 0, null, "{\"a\":1}", null));
        targets().deliver(new JobSpec("empty", "@daily", null, 0, null, null, null));
        assertEquals(2, received.size());
        JobEventRequest nightly = received.get(0);
        assertEquals("nightly", nightly.getName());
        assertEquals("job/nightly", nightly.getMethod());
        assertEquals("application/json", nightly.getContentType());
        assertEquals("POST", nightly.getHttpExtension().getVerb().name());
        assertEquals("{\"a\":1}", nightly.getData().getValue().toStringUtf8());
        assertTrue(received.get(1).getData().getValue().isEmpty());
    }

    @Test
    void anErrorStatusIsADeliveryThatFailedNamingTheJobAndTheCall() {
        JobException e = assertThrows(JobException.class, () -> targets().deliver(new JobSpec("down1", "@daily", null, 0, null, null, null)));
        assertEquals(JobException.Reason.DELIVERY, e.reason());
        assertTrue(e.getMessage().contains("'down1'") && e.getMessage().contains("OnJobEventAlpha1") && e.getMessage().contains("not now"),
                e.getMessage());
    }

    @Test
    void aPathOnAGrpcAppOrAGrpcUrlIsRefusedWhenScheduled() {
        for (String target : List.of("/reports", "grpc://127.0.0.1:" + app.getPort() + "/x")) {
            InvalidValueException e = assertThrows(InvalidValueException.class,
                    () -> targets().check(new JobSpec("x", "@daily", null, 0, null, null, target)), target);
            assertEquals("target", e.field());
            assertTrue(e.getMessage().contains("gRPC"), e.getMessage());
        }
        assertEquals(List.of(), received);
    }
}
