// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream for the proxy tests on 127.0.0.1 (JDK HTTP server): echoes the request body, and
 * tells what it saw in response headers ({@code X-Upstream}, {@code X-Seen-*}). {@code /stream}
 * sends a first chunk, then waits for {@link #release} before the second.
 */
public final class Upstream implements AutoCloseable {
    public final String name;
    public final AtomicInteger hits = new AtomicInteger();
    public final CountDownLatch release = new CountDownLatch(1);
    public volatile boolean streamWaitedForClient;
    private final HttpServer server;

    public Upstream(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        hits.incrementAndGet();
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        var h = x.getResponseHeaders();
        h.add("X-Upstream", name);
        h.add("X-Seen-Method", x.getRequestMethod());
        h.add("X-Seen-Uri", x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery()));
        h.add("X-Seen-Length", String.valueOf(body.length));
        for (String header : new String[] {"X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Custom", "Host", "Connection", "X-Hop", "dapr-app-id", "Authorization"}) {
            String v = x.getRequestHeaders().getFirst(header);
            if (v != null) {
                h.add("X-Seen-" + header, v);
            }
        }
        h.add("Set-Cookie", "a=1");
        h.add("Set-Cookie", "b=2");
        if (x.getRequestURI().getPath().endsWith("/stream")) {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write("first\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    streamWaitedForClient = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("second\n".getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        if (x.getRequestURI().getPath().endsWith("/status/418")) {
            x.sendResponseHeaders(418, -1);
            x.close();
            return;
        }
        x.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
