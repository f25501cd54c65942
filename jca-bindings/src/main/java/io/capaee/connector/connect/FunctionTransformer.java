// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.WasmTransform;
import io.capaee.api.security.AccessPolicy;
import io.capaee.connector.http.HttpClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Runs a connector's wasm transformers through the functions platform of this server
 * ({@code POST <functions-url>/<name>[/<revision>]}, the route input bindings use for
 * {@code function:} targets): the payload is the request body, the response body the new payload.
 * So a transformer is any deployed function, with its own limits, metrics and revisions, and the
 * adapter holds no second wasm engine. A non-2xx answer fails the message (it is retried).
 */
final class FunctionTransformer {
    private static final int MAX_ERROR_CHARS = 200;

    private final HttpClient client = HttpClients.create(Duration.ofSeconds(5));
    private final String functionsUrl;
    private final String token;

    FunctionTransformer(String functionsUrl, String token) {
        this.functionsUrl = functionsUrl.replaceAll("/+$", "");
        this.token = token;
    }

    Envelope apply(List<WasmTransform> steps, Envelope message) throws Exception {
        Envelope current = message;
        for (WasmTransform step : steps) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(functionsUrl + "/" + step.path()))
                    .timeout(step.timeout())
                    .header("Content-Type", current.headers().getOrDefault("Content-Type", "application/octet-stream"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(current.data()));
            // a step named in the connector's configuration, to this server's own functions: its token, if any
            if (!token.isEmpty()) {
                request.header(AccessPolicy.APP_TOKEN_HEADER, token);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                String body = new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
                throw new IllegalStateException("transformer function " + step.path() + " answered "
                        + response.statusCode() + ": " + (body.length() > MAX_ERROR_CHARS ? body.substring(0, MAX_ERROR_CHARS) : body));
            }
            current = current.withData(response.body());
        }
        return current;
    }
}
