// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dapr.actors.runtime.ActorRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application hosting actors with the Dapr Java SDK's own actor runtime ({@link ActorRuntime}), served over
 * Dapr's app-side actor protocol as the SDK's Spring integration serves it: {@code GET /dapr/config}, {@code PUT
 * /actors/{type}/{id}/method/{method}}, {@code .../method/remind/{name}}, {@code .../method/timer/{name}} and
 * {@code DELETE /actors/{type}/{id}}. The SDK's runtime reaches its sidecar (Capa EE) for actor state and
 * reminders as it is configured to: over gRPC with the SDK 1.12 and later.
 */
public final class SdkActorHost implements AutoCloseable {
    /** The requests the host received, as "METHOD path". */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public SdkActorHost(int port) throws IOException {
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
        calls.add(x.getRequestMethod() + " " + path);
        String[] p = path.split("/");
        ActorRuntime runtime = ActorRuntime.getInstance();
        try {
            if (path.equals("/dapr/config")) {
                answer(x, 200, runtime.serializeConfig());
            } else if (path.equals("/healthz")) {
                answer(x, 200, new byte[0]);
            } else if (p.length == 4 && p[1].equals("actors") && x.getRequestMethod().equals("DELETE")) {
                runtime.deactivate(p[2], p[3]).block(Duration.ofSeconds(10));
                answer(x, 200, new byte[0]);
            } else if (p.length == 7 && p[4].equals("method") && p[5].equals("remind")) {
                runtime.invokeReminder(p[2], p[3], p[6], body).block(Duration.ofSeconds(10));
                answer(x, 200, new byte[0]);
            } else if (p.length == 7 && p[4].equals("method") && p[5].equals("timer")) {
                runtime.invokeTimer(p[2], p[3], p[6], body).block(Duration.ofSeconds(10));
                answer(x, 200, new byte[0]);
            } else if (p.length == 6 && p[4].equals("method")) {
                byte[] result = runtime.invoke(p[2], p[3], p[5], body).block(Duration.ofSeconds(10));
                answer(x, 200, result == null ? new byte[0] : result);
            } else {
                answer(x, 404, ("no route " + path).getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            answer(x, 500, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void answer(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
