// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import it.io.capaee.support.Dapr;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls the test server's Dapr-compatible API. */
final class Sidecar {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Sidecar() {
    }

    static String base() {
        return "http://localhost:" + System.getProperty("http.port", "9089");
    }

    /** A unique name part for subjects, topics and keys: tests of other worktrees share the brokers. */
    static String unique(String what) {
        return "capa-it-" + System.getProperty("http.port", "9089") + "-" + what + "-" + Long.toHexString(System.nanoTime());
    }

    static HttpResponse<String> invoke(String binding, String json) throws IOException, InterruptedException {
        return post("/v1.0/bindings/" + binding, json);
    }

    static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
