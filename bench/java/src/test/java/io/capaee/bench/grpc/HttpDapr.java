// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.grpc;

import io.capaee.bench.load.Load;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The measured calls over Dapr's HTTP API: the JDK's HttpClient on HTTP/1.1 keep-alive connections (as
 * bench/actors/ActorLoad.java), one connection per request in flight. Requests are built once per key, so the
 * client's own work per call is sending and reading. An answer other than the expected status and body throws.
 */
final class HttpDapr implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(executor).build();
    private final HttpRequest[] gets = new HttpRequest[Operation.SPREAD];
    private final HttpRequest[] saves = new HttpRequest[Operation.SPREAD];
    private final HttpRequest[] invokes = new HttpRequest[Operation.SPREAD];

    HttpDapr(int port) {
        String base = "http://127.0.0.1:" + port + "/v1.0";
        for (int n = 0; n < Operation.SPREAD; n++) {
            String key = Operation.key(n);
            gets[n] = request(base + "/state/" + Operation.STORE + "/" + key).GET().build();
            saves[n] = request(base + "/state/" + Operation.STORE)
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"key\":\"" + key + "\",\"value\":" + Operation.VALUE + "}]")).build();
            invokes[n] = request(base + "/actors/" + Operation.ACTOR_TYPE + "/" + key + "/method/" + Operation.ACTOR_METHOD)
                    .POST(HttpRequest.BodyPublishers.ofString(Operation.ADD)).build();
        }
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).header("Content-Type", "application/json");
    }

    Load.Call call(Operation operation) {
        return switch (operation) {
            case STATE_GET -> n -> expect(gets[n % Operation.SPREAD], 200, Operation.VALUE);
            case STATE_SAVE -> n -> expect(saves[n % Operation.SPREAD], 204, "");
            case ACTOR_INVOKE -> n -> expect(invokes[n % Operation.SPREAD], 200, null);
        };
    }

    /** The value stored under a key, read over HTTP (the cross-check before measuring). */
    String get(String key) throws IOException, InterruptedException {
        return send(gets[Integer.parseInt(key.substring("bench-".length()))]).body();
    }

    /** The actor's answer to one more {@code add}. */
    String invoke(int n) throws IOException, InterruptedException {
        return expect(invokes[n % Operation.SPREAD], 200, null);
    }

    /** Sends the request; throws unless the status is {@code status} and the body {@code body} (any non-empty body for null). */
    private String expect(HttpRequest request, int status, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        boolean bodyOk = body == null ? !response.body().isEmpty() : response.body().equals(body);
        if (response.statusCode() != status || !bodyOk) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
