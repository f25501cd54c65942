// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the pub/sub tests' subscriber app received, per route name: each delivery as
 * {@code "content-type body"}, and how many calls came.
 */
public final class Deliveries {
    private final Map<String, LinkedBlockingQueue<String>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public int calls(String name) {
        return calls.computeIfAbsent(name, k -> new AtomicInteger()).get();
    }

    public LinkedBlockingQueue<String> queue(String name) {
        return received.computeIfAbsent(name, k -> new LinkedBlockingQueue<>());
    }

    /** Records a delivery to {@code name} and answers it with {@code status} and {@code reply}. */
    public void record(HttpExchange x, String name, int status, String reply) throws IOException {
        calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        try (InputStream in = x.getRequestBody()) {
            queue(name).add(x.getRequestHeaders().getFirst("Content-Type") + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        answer(x, status, reply);
    }

    public static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
        x.close();
    }

    /** The next CloudEvent delivered to {@code name}, waiting at most {@code seconds}. */
    public JsonObject next(String name, int seconds) throws InterruptedException {
        String seen = queue(name).poll(seconds, TimeUnit.SECONDS);
        assertTrue(seen != null, "nothing delivered to /" + name);
        assertTrue(seen.startsWith("application/cloudevents+json "), seen);
        return Dapr.json(seen.substring(seen.indexOf(' ') + 1)).asJsonObject();
    }
}
