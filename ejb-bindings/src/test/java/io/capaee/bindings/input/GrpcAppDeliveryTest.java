// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import io.capaee.api.actors.EventTarget;
import io.capaee.api.inbound.InboundMessage;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventResponse;
import io.dapr.v1.DaprAppCallbackProtos.ListInputBindingsResponse;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link GrpcAppDelivery} against a real gRPC app on loopback that serves Dapr's {@code AppCallback}. */
class GrpcAppDeliveryTest {
    private final List<BindingEventRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final AtomicInteger listings = new AtomicInteger();
    private final GrpcAppDelivery delivery = new GrpcAppDelivery();
    private final Server app;
    private final int port;

    GrpcAppDeliveryTest() throws IOException {
        app = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(ServerInterceptors.intercept(new AppCallbackGrpc.AppCallbackImplBase() {
            @Override
            public void listInputBindings(Empty request, StreamObserver<ListInputBindingsResponse> out) {
                listings.incrementAndGet();
                out.onNext(ListInputBindingsResponse.newBuilder().addBindings("orders").addBindings("failing").build());
                out.onCompleted();
            }

            @Override
            public void onBindingEvent(BindingEventRequest request, StreamObserver<BindingEventResponse> out) {
                if (request.getName().equals("failing")) {
                    out.onError(Status.INTERNAL.withDescription("cannot take it").asRuntimeException());
                    return;
                }
                received.add(request);
                out.onNext(BindingEventResponse.getDefaultInstance());
                out.onCompleted();
            }
        }, new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                if (call.getMethodDescriptor().getBareMethodName().equals("OnBindingEvent")) {
                    traceparents.add(String.valueOf(headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER))));
                }
                return next.startCall(call, headers);
            }
        })).build().start();
        port = app.getPort(); // a server that is shut down no longer tells it
    }

    @AfterEach
    void stop() {
        delivery.close();
        app.shutdownNow();
    }

    private InboundMessage message(String data, int attempt, String target) {
        return new InboundMessage("nats", "orders.in", null, data.getBytes(StandardCharsets.UTF_8), Map.of("subject", "orders.in"),
                attempt, target);
    }

    private void deliver(String data, int attempt, String name) throws InputBindingException {
        String target = "grpc://127.0.0.1:" + port + "/" + name;
        delivery.deliver(message(data, attempt, target), EventTarget.parse(target));
    }

    @Test
    void theEventsTraceContextGoesInTheCallsMetadata() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String target = "grpc://127.0.0.1:" + port + "/orders";
        delivery.deliver(new InboundMessage("nats", "orders.in", null, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("subject", "orders.in", "traceparent", traceparent), 1, target), EventTarget.parse(target));
        deliver("{}", 1, "orders");
        assertEquals(List.of(traceparent, "null"), traceparents, "the traced event's call carries it, the other none");
    }

    @Test
    void eachEventIsAnOnBindingEventNamedAsTheTargetsPathWithTheDataAndMetadata() throws Exception {
        deliver("{\"n\":1}", 1, "orders");
        deliver("{\"n\":2}", 3, "orders");
        assertEquals(2, received.size());
        BindingEventRequest first = received.get(0);
        assertEquals("orders", first.getName());
        assertEquals("{\"n\":1}", first.getData().toStringUtf8());
        assertEquals(Map.of("subject", "orders.in", "capa-attempt", "1"), first.getMetadataMap());
        assertEquals("3", received.get(1).getMetadataMap().get("capa-attempt"));
        assertEquals(1, listings.get(), "the app's bindings are asked once, not per event");
    }

    @Test
    void aBindingTheAppDoesNotListIsRefusedAndNothingIsDelivered() {
        InputBindingException e = assertThrows(InputBindingException.class, () -> deliver("{}", 1, "payments"));
        assertTrue(e.getMessage().contains("'payments'") && e.getMessage().contains("ListInputBindings"), e.getMessage());
        assertEquals(List.of(), received);
    }

    @Test
    void anErrorStatusFromTheAppThrowsSoThatTheEventIsRetried() {
        InputBindingException e = assertThrows(InputBindingException.class, () -> deliver("{}", 1, "failing"));
        assertTrue(e.getMessage().contains("INTERNAL") && e.getMessage().contains("cannot take it"), e.getMessage());
    }

    @Test
    void aTargetWithoutABindingNameOrAnAppThatIsDownIsRefusedNamingTheTarget() {
        String noName = "grpc://127.0.0.1:" + port;
        InputBindingException e = assertThrows(InputBindingException.class,
                () -> delivery.deliver(message("{}", 1, noName), EventTarget.parse(noName)));
        assertTrue(e.getMessage().contains("grpc://HOST:PORT/NAME"), e.getMessage());
        app.shutdownNow();
        e = assertThrows(InputBindingException.class, () -> deliver("{}", 1, "orders"));
        assertTrue(e.getMessage().contains("UNAVAILABLE"), e.getMessage());
    }
}
