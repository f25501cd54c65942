// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.api.binding.BindingResponse;
import io.capaee.api.security.Access;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.SecuritySettings;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Dapr gRPC API's server span: it continues the caller's traceparent metadata and is the parent of the call's spans. */
class GrpcTracesTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Traces traces = Traces.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    // the call's handler runs on another thread than the network's, as the server's own executor does
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private Server server;
    private ManagedChannel channel;

    private DaprGrpc.DaprBlockingStub start(List<String> appTokens) throws Exception {
        // the binding starts a span of its own where the call runs: it must be the call's child
        var service = DaprService.of(List.of(new BindingCalls((name, request) -> {
            try (TraceSpan inner = traces.start("binding " + name, SpanKind.CLIENT)) {
                return BindingResponse.empty(Map.of());
            }
        })));
        AccessPolicy policy = new AccessPolicy(new SecuritySettings(List.of(), appTokens, true, Access.PUBLIC));
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).executor(executor)
                .addService(ServerInterceptors.intercept(service, new GrpcAccess(() -> policy), new GrpcTraces(traces))).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + TRACE + "-" + CALLER + "-01");
        return DaprGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        executor.shutdownNow();
        provider.close();
    }

    @Test
    void aCallIsAServerSpanContinuingTheCallersTraceparentAndTheParentOfWhatItDoes() throws Exception {
        var dapr = start(List.of());
        dapr.invokeBinding(DaprProtos.InvokeBindingRequest.newBuilder().setName("memory").setOperation("create").build());

        SpanData call = span("dapr.proto.runtime.v1.Dapr/InvokeBinding");
        SpanData binding = span("binding memory");
        assertEquals(SpanKind.SERVER, call.getKind());
        assertEquals(TRACE, call.getTraceId());
        assertEquals(CALLER, call.getParentSpanId(), "the call continues the caller's traceparent");
        assertEquals(call.getSpanId(), binding.getParentSpanId(), "what the call does is its child");
        assertEquals("grpc", call.getAttributes().get(AttributeKey.stringKey("rpc.system")));
        assertEquals("dapr.proto.runtime.v1.Dapr", call.getAttributes().get(AttributeKey.stringKey("rpc.service")));
        assertEquals("InvokeBinding", call.getAttributes().get(AttributeKey.stringKey("rpc.method")));
        assertEquals(0L, call.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")));
    }

    @Test
    void aRefusedCallIsTracedWithItsStatus() throws Exception {
        var dapr = start(List.of("a-token"));
        var refused = assertThrows(StatusRuntimeException.class, () -> dapr.invokeBinding(
                DaprProtos.InvokeBindingRequest.newBuilder().setName("memory").setOperation("create").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());

        SpanData call = span("dapr.proto.runtime.v1.Dapr/InvokeBinding");
        assertEquals(CALLER, call.getParentSpanId());
        assertEquals((long) Status.Code.UNAUTHENTICATED.value(), call.getAttributes().get(AttributeKey.longKey("rpc.grpc.status_code")));
        assertEquals(io.opentelemetry.api.trace.StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals(List.of(), exported.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("binding")).toList());
    }

    private SpanData span(String name) throws InterruptedException {
        // the server ends its span as it closes the call, which the client may see a moment before
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            for (SpanData s : exported.getFinishedSpanItems()) {
                if (s.getName().equals(name)) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no span " + name + " in " + exported.getFinishedSpanItems());
    }
}
