// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How an exchange behaves for a traffic rule: attempts in order, safe methods only retried, its own timeout, every attempt told. */
class TrafficExchangeTest {
    private final ForwardClient client = new ForwardClient(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private HttpServer upstream;
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("saw " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
        client.close();
    }

    private String up() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private FakeServletExchange forward(String method, List<String> urls, Timeout timeout, String rest) throws IOException {
        byte[] body = method.equals("POST") ? "x".getBytes(StandardCharsets.UTF_8) : new byte[0];
        Map<String, String> headers = body.length > 0 ? Map.of("Content-Type", "text/plain", "Content-Length", "1") : Map.of();
        FakeServletExchange x = new FakeServletExchange(method, headers, body);
        Exchange.Options options = new Exchange.Options(timeout, Exchange.SAFE, false, null,
                (index, status, nanos) -> attempts.add(index + ":" + status), "traffic rule r", true);
        new Exchange(client, x.request, x.response, new Target("r", "v1", urls, rest, ""), options).run();
        return x;
    }

    @Test
    void aGetThatMetAClosedPortIsRetriedOnTheNextUpstreamInOrder() throws IOException {
        FakeServletExchange x = forward("GET", List.of(closedPort(), up()), null, "/a");
        assertEquals(200, x.status(), x.body());
        assertEquals("saw /a", x.body());
        assertEquals(List.of("0:0", "1:200"), attempts, "the first URL first, then the retry");
    }

    @Test
    void aPostIsNotRetriedEvenThoughNothingWasSent() throws IOException {
        FakeServletExchange x = forward("POST", List.of(closedPort(), up()), null, "/a");
        assertEquals(502, x.status(), x.body());
        assertTrue(x.body().contains("traffic rule r"), x.body());
        assertEquals(List.of("0:0"), attempts);
    }

    @Test
    void theRulesTimeoutIsAGatewayTimeoutNamingIt() throws IOException {
        FakeServletExchange x = forward("GET", List.of(up()), Timeout.ofMilliseconds(200), "/slow");
        assertEquals(504, x.status(), x.body());
        assertTrue(x.body().contains("traffic rule r") && x.body().contains("200 MILLISECONDS"), x.body());
        assertEquals(List.of("0:0"), attempts);
    }

    @Test
    void theGatewaysOwnApisAreReserved() {
        assertTrue(TrafficFilter.reserved("/v1.0/state/x"));
        assertTrue(TrafficFilter.reserved("/v1.0-alpha1"));
        assertTrue(TrafficFilter.reserved("/functions/f"));
        assertTrue(TrafficFilter.reserved("/memory/functions/list"));
        assertFalse(TrafficFilter.reserved("/v1.0x"));
        assertFalse(TrafficFilter.reserved("/shop"));
        assertFalse(TrafficFilter.reserved("/"));
    }
}
