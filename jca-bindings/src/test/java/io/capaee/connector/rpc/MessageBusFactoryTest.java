// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.MessageBusFactory;
import io.capaee.api.rpc.RpcServer;
import io.capaee.api.rpc.RpcTimeoutException;
import io.capaee.api.rpc.TransportException;
import io.capaee.api.rpc.nats.NatsRpc;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.connector.CapaResourceAdapter;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resource adapter's MessageBusFactory on the real NATS server on 127.0.0.1:4222. */
class MessageBusFactoryTest {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String prefix = "capa.test.bus." + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private MessageBusFactory factory;

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
        MessageBusManagedConnectionFactory mcf = new MessageBusManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        factory = (MessageBusFactory) mcf.createConnectionFactory();
    }

    @AfterEach
    void stop() {
        adapter.stop();
        executor.shutdownNow();
    }

    @Test
    void requestReplyWithHeadersAndDistinctFailures() {
        try (MessageBus server = factory.getConnection(); MessageBus client = factory.getConnection()) {
            server.subscribe(prefix + ".echo", "q", m -> server.publish(m.replyTo(),
                    Map.of("Seen", m.header("X") + "@" + m.subject()), m.data()));
            server.flush(Duration.ofSeconds(2));
            MessageBus.Message reply = client.request(prefix + ".echo", Map.of("X", "1"), "hi".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(3));
            assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), reply.data());
            assertEquals("1@" + prefix + ".echo", reply.header("Seen"));

            long start = System.nanoTime();
            TransportException nobody = assertThrows(TransportException.class,
                    () -> client.request(prefix + ".nobody", Map.of(), new byte[0], Duration.ofSeconds(5)));
            assertTrue(nobody.getMessage().contains("no responders"), nobody.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4000, "told at once, not after the timeout");

            server.subscribe(prefix + ".silent", null, m -> { });
            server.flush(Duration.ofSeconds(2));
            RpcTimeoutException silent = assertThrows(RpcTimeoutException.class,
                    () -> client.request(prefix + ".silent", Map.of(), new byte[0], Duration.ofMillis(300)));
            assertTrue(silent.getMessage().contains("within 300 ms"), silent.getMessage());
        }
    }

    @Test
    void subscriptionsOutliveTheirHandleUntilClosedThemselves() {
        MessageBus.Subscription subscription;
        try (MessageBus server = factory.getConnection()) {
            subscription = server.subscribe(prefix + ".x", null, m -> {
                try (MessageBus bus = factory.getConnection()) {
                    bus.publish(m.replyTo(), Map.of(), m.data());
                }
            });
            server.flush(Duration.ofSeconds(2));
            TransportException closed = assertThrows(TransportException.class, () -> {
                server.close();
                server.publish(prefix + ".x", Map.of(), new byte[0]);
            });
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        }
        MessageBus perOperation = factory.perOperation();
        assertEquals(1, perOperation.request(prefix + ".x", Map.of(), new byte[] {1}, Duration.ofSeconds(3)).data().length);
        subscription.close();
        perOperation.flush(Duration.ofSeconds(2));
        assertThrows(TransportException.class, () -> perOperation.request(prefix + ".x", Map.of(), new byte[] {1},
                Duration.ofSeconds(3)));
    }

    @Test
    void caraRpcRunsOverTheAdaptersBus() {
        InterfaceSchema echo = SchemaParser.parse("echo.capnp", """
                @0xb1c2d3e4f5a6b7c8;
                interface Echo { echo @0 (text :Text) -> (text :Text); }
                """).iface("Echo");
        RpcServer services = new RpcServer();
        services.register("echo", echo, (ref, params) -> ref.method().results().newValue().set("text",
                "echo " + params.get("text")));
        NatsRpc.Settings settings = NatsRpc.Settings.defaults().withPrefix(prefix).withTimeout(Duration.ofSeconds(3));
        MessageBus a = factory.perOperation();
        try (NatsRpc server = new NatsRpc(a, settings, executor); NatsRpc client = new NatsRpc(factory.perOperation(),
                settings, executor)) {
            server.serve(services, "echo");
            a.flush(Duration.ofSeconds(2));
            InterfaceSchema.MethodRef ref = echo.method("echo").orElseThrow();
            DynamicStruct out = client.call("echo", ref, ref.method().params().newValue().set("text", "hi"));
            assertEquals("echo hi", out.get("text"));
        }
    }

    @Test
    void badServersFailWhenTheFactoryIsCreated() {
        MessageBusManagedConnectionFactory mcf = new MessageBusManagedConnectionFactory();
        mcf.setServers("http://127.0.0.1:4222");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, mcf::createConnectionFactory);
        assertTrue(e.getMessage().contains("servers"), e.getMessage());
    }
}
