// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.Timeout;

/**
 * One request, one whole answer, on the calling thread: the proxy's own HTTP/1.1 client
 * ({@link ForwardClient}: HttpCore's codec over pooled keep-alive connections) for the server's calls
 * to an app that wait for its answer, such as a pub/sub delivery. The JDK's {@code HttpClient} hands
 * each request and answer between its selector thread and an executor; a profile of pub/sub
 * deliveries showed those hand-overs as a fifth of the server's CPU time, and each adds a thread
 * wake-up to a delivery, whose latency bounds a subscription's throughput. The answer's body is read
 * up to {@link #MAX_BODY} bytes (an app's answer to a call is a status, not a payload); past that the
 * connection is dropped and the body cut there. Thread-safe.
 */
public final class BlockingHttpClient implements AutoCloseable {
    /** The most of an answer's body that is kept. */
    public static final int MAX_BODY = 64 * 1024;

    private final ForwardClient client;

    public BlockingHttpClient(Duration connectTimeout) {
        // no upstream health here: the caller decides what a failed call means
        client = new ForwardClient(connectTimeout, Duration.ofSeconds(30), Duration.ZERO);
    }

    /** The status and (at most {@link #MAX_BODY} bytes of the) body of an answer. */
    public record Reply(int status, String body) {}

    /**
     * POSTs {@code body} to {@code target} and reads the whole answer.
     *
     * @param headers the request's headers; {@code Host}, {@code Content-Type} and {@code Content-Length} are set here
     * @param timeout the most to wait for the answer to begin, and then for each part of its body
     * @throws IOException when there is no connection, no answer within the timeout, or no HTTP answer
     */
    public Reply post(URI target, Map<String, String> headers, byte[] body, String contentType, Duration timeout)
            throws IOException {
        String url = target.toString();
        Origin origin;
        try {
            origin = client.origin(url);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("POST", origin.host(), origin.requestTarget(url));
        headers.forEach(request::addHeader);
        request.setEntity(new ByteArrayEntity(body, ContentType.parseLenient(contentType)));
        HttpCoreContext context;
        try {
            context = client.prepare(request);
        } catch (ForwardClient.RequestRefused e) {
            throw new IOException(e.getMessage(), e);
        }
        Timeout limit = Timeout.of(timeout);
        try (ForwardClient.Answer answer = client.open(origin, request, context, limit)) {
            answer.bodyTimeout(limit);
            HttpEntity entity = answer.response.getEntity();
            String text = "";
            if (entity != null) {
                InputStream in = entity.getContent();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[4096];
                int n;
                while ((n = in.read(chunk)) >= 0 && out.size() < MAX_BODY) {
                    out.write(chunk, 0, Math.min(n, MAX_BODY - out.size()));
                }
                if (n >= 0) {
                    answer.abort(); // more than we keep: the connection goes, the rest unread (closing the stream would read it)
                } else {
                    in.close();
                }
                text = out.toString(StandardCharsets.UTF_8);
            }
            answer.complete();
            return new Reply(answer.response.getCode(), text);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
