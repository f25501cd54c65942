// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.InvalidMessageException;
import io.capaee.api.rpc.RemoteException;
import io.capaee.api.rpc.RpcServer;
import io.capaee.api.rpc.RpcTimeoutException;
import io.capaee.api.rpc.TestCalculator;
import io.capaee.testing.TestSchemas;
import io.capaee.api.rpc.TransportException;
import io.capaee.api.rpc.UnknownMethodException;
import io.capaee.api.rpc.generated.Answer;
import io.capaee.api.rpc.generated.Calculator;
import io.capaee.api.rpc.generated.Expression;
import io.capaee.api.rpc.generated.Listener;
import io.capaee.api.rpc.generated.Operator;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RPC over the real NATS server on 127.0.0.1:4222, with a server and a client on separate connections. */
class NatsRpcTest {
    private final String prefix = "capa.rpc.test." + UUID.randomUUID().toString().substring(0, 8);
    private final NatsRpc.Settings settings = NatsRpc.Settings.defaults().withPrefix(prefix)
            .withTimeout(Duration.ofSeconds(3)).withCapabilityIdle(Duration.ofSeconds(1));
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final TestCalculator impl = new TestCalculator();
    private Connection serverConnection;
    private Connection clientConnection;
    private NatsRpc server;
    private NatsRpc client;
    private Calculator calc;

    @BeforeEach
    void start() throws Exception {
        serverConnection = Nats.connect("nats://127.0.0.1:4222");
        clientConnection = Nats.connect("nats://127.0.0.1:4222");
        RpcServer services = new RpcServer();
        services.register("calc", Calculator.SCHEMA, Calculator.handler(impl));
        server = new NatsRpc(new JnatsTestBus(serverConnection), settings, executor);
        server.serve(services, "calc");
        serverConnection.flush(Duration.ofSeconds(2));
        client = new NatsRpc(new JnatsTestBus(clientConnection), settings, executor);
        clientConnection.flush(Duration.ofSeconds(2));
        calc = Calculator.client(client.channel("calc"));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        clientConnection.close();
        serverConnection.close();
        executor.shutdownNow();
    }

    @Test
    void typedCallsWithParameterListsStructsAndSeveralResults() {
        assertEquals(5L, calc.add(2L, 3L));
        assertEquals(new Answer(9.0, 3L), calc.evaluate(new Expression(Operator.add, List.of(2.0, 3.0, 4.0))));
        assertEquals(new Calculator.DivideResults(3L, 1L), calc.divide(7L, 2L));
        assertEquals("calc", calc.name());
    }

    @Test
    void callbacksReachTheCallerAndAreReleasedWhenTheCallEnds() {
        List<Long> ticks = new ArrayList<>();
        Listener listener = n -> {
            ticks.add(n);
            return n % 2 == 0;
        };
        assertEquals(1L, calc.countdown(3L, listener));
        assertEquals(List.of(3L, 2L, 1L), ticks);
        assertEquals(0, client.exportedCapabilities(), "released when the call ended");

        calc.keep(listener);
        Listener kept = impl.kept.get(0);
        UnknownMethodException released = assertThrows(UnknownMethodException.class, () -> kept.tick(1L));
        assertTrue(released.getMessage().contains("was released"), released.getMessage());
    }

    @Test
    void aCallAndItsCallbacksAreClientAndServerSpansJoinedByTheNatsHeaders() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()) {
            Traces traces = Traces.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
            RpcServer services = new RpcServer();
            services.register("calc", Calculator.SCHEMA, Calculator.handler(impl));
            try (NatsRpc tracedServer = new NatsRpc(new JnatsTestBus(serverConnection), settings.withPrefix(prefix + ".traced"), executor, traces);
                 NatsRpc tracedClient = new NatsRpc(new JnatsTestBus(clientConnection), settings.withPrefix(prefix + ".traced"), executor, traces)) {
                tracedServer.serve(services, "calc");
                serverConnection.flush(Duration.ofSeconds(2));
                clientConnection.flush(Duration.ofSeconds(2));
                try (TraceSpan caller = traces.start("caller", SpanKind.INTERNAL)) {
                    assertEquals(1L, Calculator.client(tracedClient.channel("calc")).countdown(1L, n -> true));
                }
            }
            SpanData caller = span(exported, "caller", SpanKind.INTERNAL);
            SpanData call = span(exported, "rpc calc/countdown", SpanKind.CLIENT);
            SpanData answer = span(exported, "rpc calc/countdown", SpanKind.SERVER);
            assertEquals(caller.getSpanId(), call.getParentSpanId());
            assertEquals(call.getSpanId(), answer.getParentSpanId(), "the server continues the traceparent of the request's headers");
            assertEquals("nats", answer.getAttributes().get(AttributeKey.stringKey("capaee.rpc.transport")));
            // the implementation calls the caller's listener back, inside the server's span
            SpanData callback = exported.getFinishedSpanItems().stream().filter(s -> s.getName().endsWith("/tick") && s.getKind() == SpanKind.CLIENT)
                    .findFirst().orElseThrow(() -> new AssertionError("no callback span in " + exported.getFinishedSpanItems()));
            SpanData callbackAnswer = exported.getFinishedSpanItems().stream().filter(s -> s.getName().endsWith("/tick") && s.getKind() == SpanKind.SERVER)
                    .findFirst().orElseThrow();
            assertEquals(answer.getSpanId(), callback.getParentSpanId());
            assertEquals(callback.getSpanId(), callbackAnswer.getParentSpanId());
            assertEquals(caller.getTraceId(), callbackAnswer.getTraceId());
        }
    }

    private static SpanData span(InMemorySpanExporter exported, String name, SpanKind kind) {
        return exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span " + name + " in " + exported.getFinishedSpanItems()));
    }

    @Test
    void aCallbackWhoseCallerWentAwayFailsAsTransport() {
        NatsRpc other = new NatsRpc(new JnatsTestBus(clientConnection), settings.withTimeout(Duration.ofSeconds(5)), executor);
        Calculator viaOther = Calculator.client(other.channel("calc"));
        // the server keeps a listener beyond its call; then its owner goes away altogether
        viaOther.keep(n -> true);
        other.close();
        TransportException gone = assertThrows(TransportException.class, () -> impl.kept.get(0).tick(1L));
        assertTrue(gone.getMessage().contains("no responders"), gone.getMessage());
    }

    @Test
    void capabilitiesReturnedInResultsExpireWhenIdle() throws Exception {
        Listener remote = calc.makeListener("x");
        assertEquals(true, remote.tick(1L));
        assertEquals(List.of("x1"), impl.heard);
        assertEquals(1, server.exportedCapabilities());
        Thread.sleep(1500);
        assertEquals(0, server.exportedCapabilities());
        assertThrows(UnknownMethodException.class, () -> remote.tick(2L));
    }

    @Test
    void errorsAreDistinct() {
        RemoteException remote = assertThrows(RemoteException.class, () -> calc.fail("boom"));
        assertEquals("java.lang.IllegalStateException", remote.remoteType());
        assertEquals("boom", remote.remoteMessage());

        RpcTimeoutException timeout = assertThrows(RpcTimeoutException.class, () -> calc.slow(4000L));
        assertTrue(timeout.getMessage().contains("within 3000 ms"), timeout.getMessage());

        TransportException nobody = assertThrows(TransportException.class,
                () -> Calculator.client(client.channel("nobody")).add(1L, 2L));
        assertTrue(nobody.getMessage().contains("no responders"), nobody.getMessage());

        InterfaceSchema other = SchemaParser.parse("o.capnp", "@0xc4a2e6b8d0f1a3b5; interface Calculator { reboot @0 () -> (); }")
                .iface("Calculator");
        UnknownMethodException unknown = assertThrows(UnknownMethodException.class,
                () -> client.call("calc", other.method("reboot").orElseThrow(), other.methods().get(0).params().newValue()));
        assertTrue(unknown.getMessage().contains("has no method 'reboot'"), unknown.getMessage());
    }

    @Test
    void theWireIsCaraMsgpackWithAMethodHeader() throws Exception {
        io.nats.client.Message reply = byHand("add", "82 00 02 01 03");
        assertEquals("81 00 05", TestSchemas.hex(reply.getData()));
        assertNull(reply.getHeaders() == null ? null : reply.getHeaders().getFirst("Capa-Rpc-Error"));
    }

    /**
     * The header names and error codes as other peers see them, written out here rather than taken
     * from NatsRpc's constants, so that a rename (which both sides of the other tests would share)
     * fails: our server answered by hand, then our client answered by hand.
     */
    @Test
    void theWireNamesAndErrorCodesAreFixed() throws Exception {
        io.nats.client.Message failed = byHand("fail", "81 00 a4 62 6f 6f 6d"); // fail("boom")
        assertEquals("ERR_RPC_REMOTE", failed.getHeaders().getFirst("Capa-Rpc-Error"));
        assertEquals("java.lang.IllegalStateException", failed.getHeaders().getFirst("Capa-Rpc-Remote-Type"));
        assertEquals("ERR_RPC_UNKNOWN_METHOD", byHand("reboot", "80").getHeaders().getFirst("Capa-Rpc-Error"));
        assertEquals("ERR_RPC_INVALID_MESSAGE", byHand("add", "81 00 a1 78").getHeaders().getFirst("Capa-Rpc-Error"));
        assertEquals("ERR_RPC_INVALID_MESSAGE", byHand(null, "80").getHeaders().getFirst("Capa-Rpc-Error"));

        Map<String, String> answer = new ConcurrentHashMap<>();
        List<String> askedFor = new CopyOnWriteArrayList<>();
        io.nats.client.Dispatcher peer = serverConnection.createDispatcher(m -> {
            askedFor.add(m.getHeaders().getFirst("Capa-Rpc-Method"));
            io.nats.client.impl.Headers h = new io.nats.client.impl.Headers();
            answer.forEach((name, value) -> h.put(name, value));
            serverConnection.publish(io.nats.client.impl.NatsMessage.builder().subject(m.getReplyTo()).headers(h)
                    .data("why".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build());
        });
        peer.subscribe(prefix + ".svc.peer");
        serverConnection.flush(Duration.ofSeconds(2));
        Calculator viaPeer = Calculator.client(client.channel("peer"));
        try {
            answer.putAll(Map.of("Capa-Rpc-Error", "ERR_RPC_REMOTE", "Capa-Rpc-Remote-Type", "peer.Failure"));
            RemoteException remote = assertThrows(RemoteException.class, () -> viaPeer.add(1L, 2L));
            assertEquals("peer.Failure", remote.remoteType());
            assertEquals("why", remote.remoteMessage());
            answer.clear();
            answer.put("Capa-Rpc-Error", "ERR_RPC_UNKNOWN_METHOD");
            assertThrows(UnknownMethodException.class, () -> viaPeer.add(1L, 2L));
            answer.put("Capa-Rpc-Error", "ERR_RPC_INVALID_MESSAGE");
            assertThrows(InvalidMessageException.class, () -> viaPeer.add(1L, 2L));
            answer.put("Capa-Rpc-Error", "ERR_RPC_TIMEOUT");
            assertThrows(RpcTimeoutException.class, () -> viaPeer.add(1L, 2L));
            answer.put("Capa-Rpc-Error", "ERR_RPC_TRANSPORT");
            assertThrows(TransportException.class, () -> viaPeer.add(1L, 2L));
            assertEquals(List.of("add", "add", "add", "add", "add"), askedFor, "the method header our client sends");
        } finally {
            serverConnection.closeDispatcher(peer);
        }
    }

    /** A request to our server's calc service made by hand: method header (none when null) and body in hex. */
    private io.nats.client.Message byHand(String method, String hexBody) throws Exception {
        return clientConnection.request(io.nats.client.impl.NatsMessage.builder().subject(prefix + ".svc.calc")
                .headers(method == null ? null : new io.nats.client.impl.Headers().put("Capa-Rpc-Method", method))
                .data(TestSchemas.hex(hexBody)).build(), Duration.ofSeconds(3));
    }
}
