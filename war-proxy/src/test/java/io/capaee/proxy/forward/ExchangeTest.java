// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    private final ForwardClient client = new ForwardClient(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));

    @AfterEach
    void closeClient() {
        client.close();
    }

    private FakeServletExchange forward(String method, byte[] body, List<String> urls) throws IOException {
        Map<String, String> headers = body.length > 0
                ? Map.of("Content-Type", "text/plain", "Content-Length", String.valueOf(body.length)) : Map.of();
        FakeServletExchange x = new FakeServletExchange(method, headers, body);
        new Exchange(client, x.request, x.response, new Target("f", "default", urls, "/x", "/functions/f")).run();
        return x;
    }

    @Test
    void aTraceWithABodyIsA400ProblemSentToNoUpstreamAndMarkingNoneUnhealthy() throws IOException {
        try (ServerSocketChannel a = listen(); ServerSocketChannel b = listen()) {
            List<String> urls = List.of(url(a), url(b));
            FakeServletExchange x = forward("TRACE", "hello".getBytes(StandardCharsets.UTF_8), urls);

            assertEquals(400, x.status(), x.body());
            assertTrue(x.contentType().startsWith("application/problem+json"), x.contentType());
            assertTrue(x.body().contains("\"status\":400") && x.body().contains("TRACE"), "names what was wrong: " + x.body());
            assertNull(a.accept(), "no connection to the first upstream");
            assertNull(b.accept(), "no retry on the second upstream");
            assertTrue(client.upstreams().healthy(urls.get(0)) && client.upstreams().healthy(urls.get(1)));
        }
    }

    @Test
    void aRefusedRequestLeavesThePooledConnectionToTheNextRequest() throws IOException {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        upstream.start();
        try {
            List<String> urls = List.of("http://127.0.0.1:" + upstream.getAddress().getPort());
            assertEquals(200, forward("GET", new byte[0], urls).status());
            assertEquals(400, forward("TRACE", "hello".getBytes(StandardCharsets.UTF_8), urls).status());
            FakeServletExchange after = forward("GET", new byte[0], urls);

            assertEquals(200, after.status());
            assertEquals("ok", after.body());
            assertEquals(2, clientPorts.size(), "the refused TRACE never reached the upstream: " + clientPorts);
            assertEquals(clientPorts.get(0), clientPorts.get(1), "both GETs went on the one pooled connection");
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void anUnusableUpstreamUrlIsA502ThatDoesNotTellTheClientTheAddress() throws IOException {
        FakeServletExchange x = forward("GET", new byte[0], List.of("ftp://10.1.2.3:21/files"));
        assertEquals(502, x.status(), x.body());
        assertFalse(x.body().contains("10.1.2.3"), x.body());
        assertTrue(x.body().contains("function f"), x.body());
    }

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false); // accept() answers null when nobody connected
        return server;
    }

    private static String url(ServerSocketChannel server) throws IOException {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
    }
}
