// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockingHttpClientTest {
    private HttpServer app;
    private final BlockingHttpClient client = new BlockingHttpClient(Duration.ofSeconds(2));
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startApp() throws IOException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        app.setExecutor(Executors.newFixedThreadPool(4));
        app.createContext("/echo", x -> {
            clientPorts.add(x.getRemoteAddress().getPort());
            String body = read(x);
            received.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Content-Type") + " "
                    + x.getRequestHeaders().getFirst("X-Trace") + " " + body);
            answer(x, 201, "got " + body);
        });
        app.createContext("/empty", x -> {
            read(x);
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        app.createContext("/huge", x -> {
            read(x);
            byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, 1024L * 1024);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client stopped reading and dropped the connection: expected
            }
        });
        app.createContext("/slow", x -> {
            read(x);
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 200, "late");
        });
        app.start();
    }

    @AfterEach
    void stop() {
        client.close();
        app.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + app.getAddress().getPort() + path);
    }

    private static String read(HttpExchange x) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private BlockingHttpClient.Reply post(String path, String body) throws IOException {
        return client.post(url(path), Map.of("X-Trace", "t-1"), body.getBytes(StandardCharsets.UTF_8), "application/cloudevents+json",
                Duration.ofSeconds(1));
    }

    @Test
    void aPostCarriesItsBodyHeadersAndPathAndTheWholeAnswerComesBack() throws IOException {
        BlockingHttpClient.Reply reply = client.post(url("/echo?x=1"), Map.of("X-Trace", "t-1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                "application/cloudevents+json", Duration.ofSeconds(1));

        assertEquals(201, reply.status());
        assertEquals("got {\"a\":1}", reply.body());
        assertEquals(List.of("POST /echo?x=1 application/cloudevents+json t-1 {\"a\":1}"), received);
    }

    @Test
    void callsOneAfterAnotherShareOneKeptAliveConnection() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertEquals("got " + i, post("/echo", Integer.toString(i)).body());
        }

        assertEquals(1, clientPorts.size(), "connections used: " + clientPorts);
    }

    @Test
    void anAnswerWithoutABodyIsAnEmptyBody() throws IOException {
        BlockingHttpClient.Reply reply = post("/empty", "x");

        assertEquals(204, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void aBodyLargerThanTheLimitIsCutThereAndTheNextCallStillWorks() throws IOException {
        BlockingHttpClient.Reply reply = post("/huge", "x");

        assertEquals(200, reply.status());
        assertEquals(BlockingHttpClient.MAX_BODY, reply.body().length());
        assertEquals("got after", post("/echo", "after").body());
    }

    @Test
    void noAnswerWithinTheTimeoutIsAnIOExceptionAndTheNextCallStillWorks() throws IOException {
        long start = System.nanoTime();
        assertThrows(IOException.class, () -> post("/slow", "x"));
        assertTrue(System.nanoTime() - start < Duration.ofMillis(2500).toNanos(), "the call waited for the late answer");

        assertEquals("got after", post("/echo", "after").body());
    }

    @Test
    void nothingListeningIsAnIOException() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/x");

        assertThrows(IOException.class, () -> client.post(closed, Map.of(), new byte[0], "text/plain", Duration.ofSeconds(1)));
    }

    @Test
    void aUrlThatIsNotHttpIsAnIOException() {
        assertThrows(IOException.class, () -> client.post(URI.create("ftp://127.0.0.1/x"), Map.of(), new byte[0], "text/plain",
                Duration.ofSeconds(1)));
    }
}
