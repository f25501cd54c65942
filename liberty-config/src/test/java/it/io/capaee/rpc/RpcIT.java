// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.HttpRpcTransport;
import io.capaee.api.rpc.InvalidMessageException;
import io.capaee.api.rpc.RemoteException;
import io.capaee.api.rpc.RpcChannel;
import io.capaee.api.rpc.UnknownMethodException;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import it.io.capaee.support.Server;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema-first RPC over HTTP against the running server's built-in capa.Gateway service. */
class RpcIT {
    private final HttpRpcTransport http = new HttpRpcTransport(URI.create(Server.base()), Duration.ofSeconds(10));
    private final RpcChannel gateway = http.channel("capa.Gateway");

    /** The schema as the server itself publishes it: discovery needs only the method names below. */
    private Schema schema() {
        InterfaceSchema bootstrap = SchemaParser.parse("bootstrap.capnp", """
                @0x9d1ea7b1c3e5f701;
                interface Gateway { ping @0 () -> (appId :Text, epochMillis :Int64);
                  services @1 () -> (); schema @2 (service :Text) -> (file :Text, text :Text); }
                """).iface("Gateway");
        DynamicStruct answer = call(bootstrap, "schema", p -> p.set("service", "capa.Gateway"));
        return SchemaParser.parse((String) answer.get("file"), (String) answer.get("text"));
    }

    private DynamicStruct call(InterfaceSchema iface, String method, java.util.function.Consumer<DynamicStruct> params) {
        InterfaceSchema.MethodRef ref = iface.method(method).orElseThrow();
        DynamicStruct in = ref.method().params().newValue();
        params.accept(in);
        return gateway.call(ref, in);
    }

    @Test
    void pingAnswersWithTheAppIdAndTheTime() {
        long before = System.currentTimeMillis();
        DynamicStruct pong = call(schema().iface("Gateway"), "ping", p -> { });
        assertEquals(Server.appId(), pong.get("appId"));
        long at = (Long) pong.get("epochMillis");
        assertTrue(at >= before - 60_000 && at <= System.currentTimeMillis() + 60_000, "server time " + at);
    }

    @Test
    void servicesListsTheGatewayWithItsMethods() {
        DynamicStruct answer = call(schema().iface("Gateway"), "services", p -> { });
        List<?> services = (List<?>) answer.get("services");
        DynamicStruct gw = services.stream().map(DynamicStruct.class::cast)
                .filter(s -> "capa.Gateway".equals(s.get("name"))).findFirst().orElseThrow();
        assertEquals("Gateway", gw.get("iface"));
        assertEquals(List.of("ping", "services", "schema", "echoVia"), gw.get("methods"));
        assertEquals("gateway.capnp", gw.get("schemaFile"));
    }

    @Test
    void theRequestAndAnswerAreCaraMsgpackOnTheWire() throws Exception {
        // schema(service = "capa.Gateway"): {0: "capa.Gateway"}
        byte[] body = HexFormat.of().parseHex("8100ac" + HexFormat.of().formatHex("capa.Gateway".getBytes()));
        HttpResponse<byte[]> r = Server.CLIENT.send(HttpRequest.newBuilder(
                URI.create(Server.base() + "/v1.0-alpha1/rpc/capa.Gateway/schema"))
                .header("Content-Type", "application/msgpack").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/msgpack", r.headers().firstValue("Content-Type").orElse(""));
        // {0: "gateway.capnp", 1: <text>}
        assertEquals("8200ad" + HexFormat.of().formatHex("gateway.capnp".getBytes()) + "01",
                HexFormat.of().formatHex(r.body()).substring(0, 34));
    }

    @Test
    void aRemoteExceptionArrivesTypedWithItsMessage() {
        RemoteException e = assertThrows(RemoteException.class,
                () -> call(schema().iface("Gateway"), "schema", p -> p.set("service", "nope")));
        assertEquals("java.lang.IllegalArgumentException", e.remoteType());
        assertTrue(e.remoteMessage().startsWith("no RPC service named 'nope'"), e.remoteMessage());
    }

    @Test
    void unknownServicesAndMethodsAreDistinctErrors() {
        InterfaceSchema other = SchemaParser.parse("o.capnp", "@0x9d1ea7b1c3e5f701; interface Gateway { reboot @0 () -> (); }")
                .iface("Gateway");
        UnknownMethodException method = assertThrows(UnknownMethodException.class,
                () -> gateway.call(other.method("reboot").orElseThrow(), other.methods().get(0).params().newValue()));
        assertTrue(method.getMessage().contains("has no method 'reboot'"), method.getMessage());
        UnknownMethodException service = assertThrows(UnknownMethodException.class,
                () -> http.channel("capa.Nothing").call(other.method("reboot").orElseThrow(),
                        other.methods().get(0).params().newValue()));
        assertTrue(service.getMessage().contains("no RPC service named 'capa.Nothing'"), service.getMessage());
    }

    @Test
    void badBodiesAre400ProblemsNamingTheField() throws Exception {
        // {0: 5}: service must be Text
        HttpResponse<String> r = Server.send(HttpRequest.newBuilder(
                URI.create(Server.base() + "/v1.0-alpha1/rpc/capa.Gateway/schema"))
                .header("Content-Type", "application/msgpack")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x81, 0, 5})));
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(r.body().contains("\"errorCode\":\"ERR_RPC_INVALID_MESSAGE\""), r.body());
        assertTrue(r.body().contains("schema$Params.service: expected Text"), r.body());
        HttpResponse<String> garbage = Server.send(HttpRequest.newBuilder(
                URI.create(Server.base() + "/v1.0-alpha1/rpc/capa.Gateway/ping"))
                .header("Content-Type", "application/msgpack")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xc1})));
        assertEquals(400, garbage.statusCode(), garbage.body());
        InterfaceSchema wrongShape = SchemaParser.parse("w.capnp",
                "@0x9d1ea7b1c3e5f701; interface Gateway { ping @0 (x :Text) -> (); }").iface("Gateway");
        DynamicStruct p = wrongShape.methods().get(0).params().newValue().set("x", "unexpected");
        // the server keeps unknown parameter ids (lenient), so this call succeeds
        gateway.call(wrongShape.method("ping").orElseThrow(), p);
        InterfaceSchema wrongResults = SchemaParser.parse("w.capnp",
                "@0x9d1ea7b1c3e5f701; interface Gateway { ping @0 () -> (appId :Int64); }").iface("Gateway");
        InvalidMessageException answer = assertThrows(InvalidMessageException.class,
                () -> gateway.call(wrongResults.method("ping").orElseThrow(), wrongResults.methods().get(0).params().newValue()));
        assertTrue(answer.getMessage().contains("ping$Results.appId: expected Int64"), answer.getMessage());
    }

    /** {@code n} maps, each under field id 5 of the one before: unknown to the schema, so kept untyped. */
    static byte[] deeplyNested(int n) {
        byte[] deep = new byte[2 * n + 1];
        for (int i = 0; i < deep.length - 1; i += 2) {
            deep[i] = (byte) 0x81;
            deep[i + 1] = 0x05;
        }
        deep[deep.length - 1] = (byte) 0xc0;
        return deep;
    }

    @Test
    void deeplyNestedBodiesAre400NotAStackOverflow() throws Exception {
        byte[] deep = deeplyNested(100_000);
        HttpResponse<String> r = Server.send(HttpRequest.newBuilder(
                URI.create(Server.base() + "/v1.0-alpha1/rpc/capa.Gateway/schema"))
                .header("Content-Type", "application/msgpack").POST(HttpRequest.BodyPublishers.ofByteArray(deep)));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(r.body().contains("\"errorCode\":\"ERR_RPC_INVALID_MESSAGE\""), r.body());
        assertTrue(r.body().contains("nested deeper than 64 levels"), r.body());
    }

    @Test
    void theServiceListIsAlsoJson() throws Exception {
        HttpResponse<String> r = Server.get("/v1.0-alpha1/rpc");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"name\":\"capa.Gateway\""), r.body());
        assertTrue(r.body().contains("\"methods\":[\"ping\",\"services\",\"schema\",\"echoVia\"]"), r.body());
    }
}
