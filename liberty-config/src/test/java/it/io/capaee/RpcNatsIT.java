// SPDX-License-Identifier: Apache-2.0
package it.io.capaee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.RemoteException;
import io.capaee.api.rpc.UnknownMethodException;
import io.capaee.api.rpc.nats.NatsRpc;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's RPC services over the real NATS (rpc.nats.enabled in the IT configuration). */
class RpcNatsIT {
    static Connection connection;
    static NatsRpc rpc;
    static ExecutorService executor = Executors.newCachedThreadPool();
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
        connection = Nats.connect("nats://127.0.0.1:4222");
        rpc = new NatsRpc(connection, NatsRpc.Settings.defaults().withPrefix(bootstrap.getProperty("rpc.nats.prefix"))
                .withTimeout(Duration.ofSeconds(10)), executor);
    }

    @AfterAll
    static void close() throws Exception {
        rpc.close();
        connection.close();
        executor.shutdownNow();
    }

    private static DynamicStruct call(String method, java.util.function.Consumer<DynamicStruct> params) {
        InterfaceSchema.MethodRef ref = GATEWAY.method(method).orElseThrow();
        DynamicStruct in = ref.method().params().newValue();
        params.accept(in);
        return rpc.call("capa.Gateway", ref, in);
    }

    @Test
    void pingOverNats() {
        assertEquals(Server.appId(), call("ping", p -> { }).get("appId"));
    }

    @Test
    void errorsOverNatsAreTheSameValues() {
        RemoteException remote = assertThrows(RemoteException.class, () -> call("schema", p -> p.set("service", "nope")));
        assertEquals("java.lang.IllegalArgumentException", remote.remoteType());
        assertTrue(remote.remoteMessage().startsWith("no RPC service named 'nope'"), remote.remoteMessage());
        assertThrows(UnknownMethodException.class, () -> call("reboot", p -> { }));
        assertTrue(((String) call("schema", p -> p.set("service", "capa.Gateway")).get("text")).contains("interface Gateway"));
    }
}
