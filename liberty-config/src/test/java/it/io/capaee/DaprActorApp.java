// SPDX-License-Identifier: Apache-2.0
package it.io.capaee;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Dapr-style actor application on 127.0.0.1 (JDK HTTP server): serves {@code /dapr/config} and
 * the actor callbacks, and keeps what it saw. Methods: {@code echo} answers the body; {@code save}
 * writes the body through the server's actor state API (a call back into the sidecar during the
 * turn); {@code slow} notices overlapping calls to one actor; {@code boom} answers 500; anything
 * else 404.
 */
final class DaprActorApp implements AutoCloseable {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger overlaps = new AtomicInteger();
    private final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String entities;

    DaprActorApp(int port, String... types) throws IOException {
        this.entities = String.join("\",\"", types);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = x.getRequestURI().getPath();
        String text = new String(body, StandardCharsets.UTF_8);
        if (path.equals("/dapr/config")) {
            reply(x, 200, "{\"entities\":[\"" + entities + "\"],\"actorIdleTimeout\":\"1h\"}");
            return;
        }
        calls.add(x.getRequestMethod() + " " + path + (text.isEmpty() ? "" : " " + text));
        String[] p = path.split("/");
        // /actors/{type}/{id}[/method/{m...}]
        if (p.length < 4 || !p[1].equals("actors")) {
            reply(x, 404, "");
            return;
        }
        if (x.getRequestMethod().equals("DELETE") && p.length == 4) {
            reply(x, 200, "");
            return;
        }
        String method = p.length > 5 ? String.join("/", List.of(p).subList(5, p.length)) : "";
        AtomicInteger in = inside.computeIfAbsent(p[2] + "/" + p[3], k -> new AtomicInteger());
        if (in.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
        try {
            switch (method) {
                case "echo" -> reply(x, 200, text);
                case "slow" -> {
                    Thread.sleep(20);
                    reply(x, 200, "\"ok\"");
                }
                case "save" -> {
                    var r = Actors.send(HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0/actors/" + p[2] + "/" + p[3] + "/state"))
                            .POST(HttpRequest.BodyPublishers.ofString("[{\"operation\":\"upsert\",\"request\":{\"key\":\"saved\",\"value\":" + text + "}}]")));
                    reply(x, r.statusCode() == 204 ? 200 : 500, "");
                }
                case "boom" -> reply(x, 500, "{\"error\":\"boom from the app\"}");
                default -> {
                    if (method.startsWith("remind/") || method.startsWith("timer/")) {
                        reply(x, 200, "");
                    } else {
                        reply(x, 404, "");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(x, 500, "");
        } catch (Exception e) {
            reply(x, 500, "{\"error\":\"" + e + "\"}");
        } finally {
            in.decrementAndGet();
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
