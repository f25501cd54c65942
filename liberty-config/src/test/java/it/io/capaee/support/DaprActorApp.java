// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Dapr-style actor application on 127.0.0.1 (JDK HTTP server): serves {@code /dapr/config} and
 * the actor callbacks, and keeps what it saw. Methods: {@code echo} answers the body; {@code save}
 * writes the body through the server's actor state API (a call back into the sidecar during the
 * turn); {@code slow} notices overlapping calls to one actor; {@code boom} answers 500; {@code chain}
 * calls the next actor of the comma-separated list in its body through the server's actor API,
 * passing on its {@code Dapr-Reentrancy-Id} as a Dapr SDK does (an A to B to A chain is
 * {@code "B/b,A/a"} sent to A), and answers {@code "done"} at the end of the list; anything else 404.
 */
public final class DaprActorApp implements AutoCloseable {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger overlaps = new AtomicInteger();
    private final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String entities;
    private final String reentrancy;

    public DaprActorApp(int port, String... types) throws IOException {
        this(null, port, types);
    }

    /** An app whose {@code /dapr/config} carries {@code reentrancy} (a JSON object). */
    public static DaprActorApp withReentrancy(String reentrancy, int port, String... types) throws IOException {
        return new DaprActorApp(reentrancy, port, types);
    }

    private DaprActorApp(String reentrancy, int port, String[] types) throws IOException {
        this.entities = String.join("\",\"", types);
        this.reentrancy = reentrancy;
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
            reply(x, 200, "{\"entities\":[\"" + entities + "\"],\"actorIdleTimeout\":\"1h\""
                    + (reentrancy == null ? "" : ",\"reentrancy\":" + reentrancy) + "}");
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
        Answer answer;
        try {
            answer = switch (method) {
                case "echo" -> new Answer(200, text);
                case "slow" -> {
                    Thread.sleep(20);
                    yield new Answer(200, "\"ok\"");
                }
                case "save" -> {
                    var r = Actors.send(HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0/actors/" + p[2] + "/" + p[3] + "/state"))
                            .POST(HttpRequest.BodyPublishers.ofString("[{\"operation\":\"upsert\",\"request\":{\"key\":\"saved\",\"value\":" + text + "}}]")));
                    yield new Answer(r.statusCode() == 204 ? 200 : 500, "");
                }
                case "boom" -> new Answer(500, "{\"error\":\"boom from the app\"}");
                case "chain" -> chain(x, text);
                default -> new Answer(method.startsWith("remind/") || method.startsWith("timer/") ? 200 : 404, "");
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(500, "");
        } catch (Exception e) {
            answer = new Answer(500, "{\"error\":\"" + e + "\"}");
        } finally {
            // left before answering: the next turn may start as soon as the answer is out
            in.decrementAndGet();
        }
        reply(x, answer.status(), answer.body());
    }

    private record Answer(int status, String body) {}

    private Answer chain(HttpExchange x, String body) throws Exception {
        String hops = body.isEmpty() ? "" : body.substring(1, body.length() - 1);
        if (hops.isEmpty()) {
            return new Answer(200, "\"done\"");
        }
        int comma = hops.indexOf(',');
        String next = comma < 0 ? hops : hops.substring(0, comma);
        String rest = comma < 0 ? "" : hops.substring(comma + 1);
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(Server.base() + "/v1.0/actors/" + next + "/method/chain"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("\"" + rest + "\""));
        String chain = x.getRequestHeaders().getFirst("Dapr-Reentrancy-Id");
        if (chain != null) {
            call.header("Dapr-Reentrancy-Id", chain);
        }
        var r = Actors.send(call);
        if (r.statusCode() == 200) {
            return new Answer(200, r.body());
        }
        // keep the innermost error readable however deep the chain: each hop answers it alone
        var code = java.util.regex.Pattern.compile("ERR_ACTOR_[A-Z_]+").matcher(r.body());
        String innermost = null;
        while (code.find()) {
            innermost = code.group();
        }
        String why = r.body().contains("nested deeper") ? "nested deeper" : r.body().contains("reentrancy is off") ? "reentrancy is off" : "";
        return new Answer(500, "{\"error\":\"" + innermost + "\",\"why\":\"" + why + "\"}");
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    public long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
