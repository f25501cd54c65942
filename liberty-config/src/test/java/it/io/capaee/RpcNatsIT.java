// SPDX-License-Identifier: Apache-2.0
package it.io.capaee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.InvalidMessageException;
import io.capaee.api.rpc.RemoteException;
import io.capaee.api.rpc.UnknownMethodException;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.nats.NatsRpc;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's RPC services over the real NATS (rpc.nats.enabled in the IT configuration), through
 * the resource adapter's connection factory eis/capa/rpc/nats; checked on the wire with a plain
 * jnats client: the method header, cara msgpack bodies, and each failure's own error code.
 */
class RpcNatsIT {
    static Connection connection;
    static String subject;
    static final CaraCodec CODEC = CaraCodec.lenient();
    static final InterfaceSchema GATEWAY = SchemaParser.parse("gateway.capnp", """
            @0x9d1ea7b1c3e5f701;
            interface Gateway {
              ping @0 () -> (appId :Text, epochMillis :Int64);
              services @1 () -> ();
              schema @2 (service :Text) -> (file :Text, text :Text);
              reboot @3 () -> ();
            }
            """).iface("Gateway");

    @BeforeAll
    static void connect() throws Exception {
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(Server.dir().resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        subject = bootstrap.getProperty("rpc.nats.prefix") + ".svc.capa.Gateway";
        connection = Nats.connect("nats://127.0.0.1:4222");
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
    }

    private static Message request(String method, byte[] body) throws Exception {
        return connection.request(NatsMessage.builder().subject(subject)
                .headers(method == null ? null : new Headers().put(NatsRpc.METHOD_HEADER, method)).data(body).build(),
                Duration.ofSeconds(10));
    }

    private static DynamicStruct call(String method, DynamicStruct params) throws Exception {
        Message reply = request(method, CODEC.encode(params));
        assertNull(reply.getHeaders() == null ? null : reply.getHeaders().getFirst(NatsRpc.ERROR_HEADER),
                () -> new String(reply.getData(), StandardCharsets.UTF_8));
        return CODEC.decode(GATEWAY.method(method).orElseThrow().method().results(), reply.getData());
    }

    private static String error(Message reply) {
        return reply.getHeaders().getFirst(NatsRpc.ERROR_HEADER);
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
        assertEquals(RemoteException.CODE, error(remote));
        assertEquals("java.lang.IllegalArgumentException", remote.getHeaders().getFirst(NatsRpc.REMOTE_TYPE_HEADER));
        assertTrue(new String(remote.getData(), StandardCharsets.UTF_8).startsWith("no RPC service named 'nope'"));

        Message unknown = request("reboot", new byte[] {(byte) 0x80});
        assertEquals(UnknownMethodException.CODE, error(unknown));
        assertTrue(new String(unknown.getData(), StandardCharsets.UTF_8).contains("has no method 'reboot'"));

        Message undecodable = request("schema", new byte[] {(byte) 0x81, 0x00, 0x05});
        assertEquals(InvalidMessageException.CODE, error(undecodable));
        assertTrue(new String(undecodable.getData(), StandardCharsets.UTF_8).contains("do not decode"),
                new String(undecodable.getData(), StandardCharsets.UTF_8));

        Message noMethod = request(null, new byte[] {(byte) 0x80});
        assertEquals(InvalidMessageException.CODE, error(noMethod));
    }

    @Test
    void deeplyNestedInputIsRefusedAsInvalidMessage() throws Exception {
        // 100,000 maps, each the value of field id 5, unknown to the schema (so kept, not type-checked)
        byte[] deep = new byte[200_001];
        for (int i = 0; i < deep.length - 1; i += 2) {
            deep[i] = (byte) 0x81;
            deep[i + 1] = 0x05;
        }
        deep[deep.length - 1] = (byte) 0xc0;
        Message reply = request("schema", deep);
        assertEquals(InvalidMessageException.CODE, error(reply));
        assertTrue(new String(reply.getData(), StandardCharsets.UTF_8).contains("nested deeper than"),
                new String(reply.getData(), StandardCharsets.UTF_8));
    }
}
