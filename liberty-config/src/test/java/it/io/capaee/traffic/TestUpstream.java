// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A version of a service on 127.0.0.1 (JDK HTTP server) for the traffic tests: answers
 * {@code <name> <path>} with {@code X-Upstream: <name>}, or a 503 when {@link #failing}, or after
 * three seconds under {@code /slow}; records every request it saw.
 */
final class TestUpstream implements AutoCloseable {
    /** One request as the upstream saw it. */
    record Seen(String method, String uri, String mirrorHeader, String body) {}

    final String name;
    final AtomicInteger hits = new AtomicInteger();
    final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    volatile boolean failing;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    TestUpstream(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        hits.incrementAndGet();
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        String uri = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
        seen.add(new Seen(x.getRequestMethod(), uri, x.getRequestHeaders().getFirst("X-Capa-Mirror"), new String(body, StandardCharsets.UTF_8)));
        if (x.getRequestURI().getPath().contains("/slow")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = (name + " " + uri).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("X-Upstream", name);
        x.sendResponseHeaders(failing ? 503 : 200, answer.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
