// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.api.rpc.schema.StructSchema;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import it.io.capaee.support.Server;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The server's RPC services over the real NATS (capa.rpc.nats.enabled in the IT configuration), through
 * the resource adapter's connection factory eis/capa/rpc/nats; checked on the wire with a plain
 * jnats client: the method header, cara msgpack bodies, and each failure's own error code. Header
 * names, error codes and the capability extension type are written out, not taken from NatsRpc: they
 * are the wire, and a rename must fail here.
 */
class RpcNatsIT {
    static Connection connection;
    static String subject;
    static final CaraCodec CODEC = CaraCodec.lenient();
    static final Schema SCHEMA = SchemaParser.parse("gateway.capnp", """
            @0x9d1ea7b1c3e5f701;
            interface Gateway {
              ping @0 () -> (appId :Text, epochMillis :Int64);
              services @1 () -> ();
              schema @2 (service :Text) -> (file :Text, text :Text);
              echoVia @3 (callback :Echo, text :Text) -> (text :Text);
              reboot @4 () -> ();
            }
            interface Echo { echo @0 (text :Text) -> (text :Text); }
            """);
    static final InterfaceSchema GATEWAY = SCHEMA.iface("Gateway");
    static final InterfaceSchema ECHO = SCHEMA.iface("Echo");

    @BeforeAll
    static void connect() throws Exception {
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(Server.dir().resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        subject = bootstrap.getProperty("capa.rpc.nats.prefix") + ".svc.capa.Gateway";
        connection = Nats.connect("nats://127.0.0.1:4222");
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    private static Message request(String method, byte[] body) throws Exception {
        return connection.request(NatsMessage.builder().subject(subject)
                .headers(method == null ? null : new Headers().put("Capa-Rpc-Method", method)).data(body).build(),
                Duration.ofSeconds(10));
    }

    private static DynamicStruct call(String method, DynamicStruct params) throws Exception {
        Message reply = request(method, CODEC.encode(params));
        assertNull(reply.getHeaders() == null ? null : reply.getHeaders().getFirst("Capa-Rpc-Error"),
                () -> new String(reply.getData(), StandardCharsets.UTF_8));
        return CODEC.decode(GATEWAY.method(method).orElseThrow().method().results(), reply.getData());
    }

    private static String error(Message reply) {
        return reply.getHeaders().getFirst("Capa-Rpc-Error");
    }

    @Test
    void pingOverNats() throws Exception {
        assertEquals(Server.appId(), call("ping", GATEWAY.method("ping").orElseThrow().method().params().newValue())
                .get("appId"));
    }

    @Test
    void theSchemaOfAServiceOverNats() throws Exception {
        DynamicStruct params = GATEWAY.method("schema").orElseThrow().method().params().newValue().set("service", "capa.Gateway");
        assertTrue(((String) call("schema", params).get("text")).contains("interface Gateway"));
    }

    @Test
    void remoteFailureUnknownMethodAndUndecodableBodyAreDistinct() throws Exception {
        DynamicStruct params = GATEWAY.method("schema").orElseThrow().method().params().newValue().set("service", "nope");
        Message remote = request("schema", CODEC.encode(params));
        assertEquals("ERR_RPC_REMOTE", error(remote));
        assertEquals("java.lang.IllegalArgumentException", remote.getHeaders().getFirst("Capa-Rpc-Remote-Type"));
        assertTrue(new String(remote.getData(), StandardCharsets.UTF_8).startsWith("no RPC service named 'nope'"));

        Message unknown = request("reboot", new byte[] {(byte) 0x80});
        assertEquals("ERR_RPC_UNKNOWN_METHOD", error(unknown));
        assertTrue(new String(unknown.getData(), StandardCharsets.UTF_8).contains("has no method 'reboot'"));

        Message undecodable = request("schema", new byte[] {(byte) 0x81, 0x00, 0x05});
        assertEquals("ERR_RPC_INVALID_MESSAGE", error(undecodable));
        assertTrue(new String(undecodable.getData(), StandardCharsets.UTF_8).contains("do not decode"),
                new String(undecodable.getData(), StandardCharsets.UTF_8));

        Message noMethod = request(null, new byte[] {(byte) 0x80});
        assertEquals("ERR_RPC_INVALID_MESSAGE", error(noMethod));
    }

    /** The params of echoVia by hand: {0: ext 100 [peer, object, Echo's id], 1: text}. */
    private static byte[] echoViaParams(String peer, long object, String text) throws Exception {
        byte[] capability;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(3).packString(peer).packLong(object).packBigInteger(new BigInteger(Long.toUnsignedString(ECHO.id())));
            capability = p.toByteArray();
        }
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(2).packInt(0).packExtensionTypeHeader((byte) 100, capability.length)
                    .writePayload(capability);
            p.packInt(1).packString(text);
            return p.toByteArray();
        }
    }

    @Test
    void theServerCallsTheCallersCallbackBackOverNats() throws Exception {
        String peer = "it" + Long.toHexString(System.nanoTime());
        List<String> heard = new CopyOnWriteArrayList<>();
        StructSchema echoParams = ECHO.method("echo").orElseThrow().method().params();
        Dispatcher callbacks = connection.createDispatcher(m -> {
            heard.add(m.getSubject() + " " + m.getHeaders().getFirst("Capa-Rpc-Interface") + "/"
                    + m.getHeaders().getFirst("Capa-Rpc-Method-Id"));
            String text = (String) CODEC.decode(echoParams, m.getData()).get("text");
            connection.publish(m.getReplyTo(), CODEC.encode(ECHO.method("echo").orElseThrow().method().results().newValue()
                    .set("text", text + "!")));
        });
        try {
            callbacks.subscribe(subject.replace(".svc.capa.Gateway", ".cap." + peer + ".*"));
            connection.flush(Duration.ofSeconds(2));
            Message reply = request("echoVia", echoViaParams(peer, 7, "hi"));
            assertNull(reply.getHeaders() == null ? null : reply.getHeaders().getFirst("Capa-Rpc-Error"),
                    () -> new String(reply.getData(), StandardCharsets.UTF_8));
            assertEquals("hi!", CODEC.decode(GATEWAY.method("echoVia").orElseThrow().method().results(), reply.getData())
                    .get("text"));
            assertEquals(List.of(subject.replace(".svc.capa.Gateway", ".cap." + peer + ".7") + " "
                    + Long.toHexString(ECHO.id()) + "/0"), heard);
        } finally {
            connection.closeDispatcher(callbacks);
        }
        // a callback whose owner is gone: the server is told at once (no responders), and says so
        Message gone = request("echoVia", echoViaParams(peer + "gone", 1, "hi"));
        assertEquals("ERR_RPC_TRANSPORT", error(gone));
        assertTrue(new String(gone.getData(), StandardCharsets.UTF_8).contains("no responders"),
                new String(gone.getData(), StandardCharsets.UTF_8));
    }

    @Test
    void deeplyNestedInputIsRefusedAsInvalidMessage() throws Exception {
        Message reply = request("schema", RpcIT.deeplyNested(100_000));
        assertEquals("ERR_RPC_INVALID_MESSAGE", error(reply));
        assertTrue(new String(reply.getData(), StandardCharsets.UTF_8).contains("nested deeper than"),
                new String(reply.getData(), StandardCharsets.UTF_8));
    }
}
