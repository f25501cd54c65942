// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import it.io.capaee.support.Dapr;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The application an input binding delivers to (Dapr's contract), on the port the server's
 * {@code target}s name: answers OPTIONS with 200, and POSTs with 200, except bodies starting with
 * {@code poison} (always 500) and {@code flaky} (500 until the third attempt).
 */
final class InputApp implements AutoCloseable {
    /** One accepted event. */
    record Event(String path, String body, Map<String, String> headers) {}

    final List<Event> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger probes = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;

    InputApp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getProperty("input-app.port"))), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                probes.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int attempt = Integer.parseInt(exchange.getRequestHeaders().getFirst("capa-attempt"));
            if (body.startsWith("poison") || (body.startsWith("flaky") && attempt < 3)) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            accepted.add(new Event(exchange.getRequestURI().getPath(), body, headers));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    List<Event> accepted(String path) {
        return accepted.stream().filter(e -> e.path().equals(path)).toList();
    }

    /** Waits until {@code condition} holds on the accepted events of {@code path}; returns them. */
    List<Event> await(String path, Duration timeout, Predicate<List<Event>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> events = accepted(path);
        while (!condition.test(events) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            events = accepted(path);
        }
        return events;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
