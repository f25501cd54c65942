// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.generated.Calculator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of RPC over HTTP against a real (JDK) HTTP server that answers as the gateway
 * does: each failure arrives as its own exception type.
 */
class HttpRpcTransportTest {
    private final RpcServer services = new RpcServer();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        services.register("calc", Calculator.SCHEMA, Calculator.handler(new TestCalculator()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(HttpRpcTransport.PATH, this::answer);
        server.createContext("/garbage/", x -> reply(x, 200, HttpRpcTransport.MEDIA_TYPE, new byte[] {(byte) 0xc1}));
        server.createContext("/down/", x -> reply(x, 502, "text/plain", "bad gateway".getBytes(StandardCharsets.UTF_8)));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** What the gateway's RpcResource does: 200 and msgpack, or a problem+json with the error code. */
    private void answer(HttpExchange x) throws IOException {
        String[] parts = x.getRequestURI().getPath().substring(HttpRpcTransport.PATH.length()).split("/");
        try {
            reply(x, 200, HttpRpcTransport.MEDIA_TYPE,
                    services.invoke(parts[0], parts[1], x.getRequestBody().readAllBytes(), CaraCodec.lenient()));
        } catch (RpcCallException e) {
            int status = e instanceof UnknownMethodException ? 404 : e instanceof InvalidMessageException ? 400 : 500;
            if (e instanceof RemoteException r) {
                x.getResponseHeaders().add(HttpRpcTransport.REMOTE_TYPE_HEADER, r.remoteType());
            }
            String message = e instanceof RemoteException r ? r.remoteMessage() : e.getMessage();
            reply(x, status, "application/problem+json", ("{\"errorCode\":\"" + e.errorCode() + "\",\"message\":\""
                    + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private Calculator calc(String prefix, Duration timeout) {
        return Calculator.client(new HttpRpcTransport(URI.create(base + prefix), timeout).channel("calc"));
    }

    @Test
    void callsAndTheFourFailuresAreDistinct() {
        Calculator calc = calc("", Duration.ofSeconds(5));
        assertEquals(5L, calc.add(2L, 3L));

        RemoteException remote = assertThrows(RemoteException.class, () -> calc.fail("boom"));
        assertEquals("java.lang.IllegalStateException", remote.remoteType());
        assertEquals("boom", remote.remoteMessage());

        RpcTimeoutException timeout = assertThrows(RpcTimeoutException.class,
                () -> calc("", Duration.ofMillis(300)).slow(3000L));
        assertTrue(timeout.getMessage().contains("within 300 ms"), timeout.getMessage());

        UnknownMethodException unknown = assertThrows(UnknownMethodException.class,
                () -> Calculator.client(new HttpRpcTransport(base, Duration.ofSeconds(5)).channel("nothing")).add(1L, 2L));
        assertTrue(unknown.getMessage().contains("no RPC service named 'nothing'"), unknown.getMessage());

        InvalidMessageException invalid = assertThrows(InvalidMessageException.class,
                () -> calc("/garbage", Duration.ofSeconds(5)).add(1L, 2L));
        assertTrue(invalid.getMessage().contains("does not decode"), invalid.getMessage());

        TransportException down = assertThrows(TransportException.class, () -> calc("/down", Duration.ofSeconds(5)).add(1L, 2L));
        assertTrue(down.getMessage().contains("HTTP 502"), down.getMessage());
        server.stop(0);
        TransportException refused = assertThrows(TransportException.class, () -> calc.add(1L, 2L));
        assertTrue(refused.getMessage().contains("cannot call"), refused.getMessage());
    }
}
