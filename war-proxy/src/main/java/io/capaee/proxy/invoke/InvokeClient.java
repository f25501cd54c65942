// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.invoke;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Sends one invocation. Retries (Dapr's 3 x 1 s) only when the target could not be connected to,
 * so a request is never sent twice; the whole call, retries included, is bounded by the timeout.
 * Both are MicroProfile Fault Tolerance settings, overridable in server.xml as
 * {@code io.capaee.proxy.invoke.InvokeClient/send/Retry/maxRetries}, {@code .../Retry/delay}
 * and {@code .../Timeout/value} (milliseconds).
 */
@ApplicationScoped
public class InvokeClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    /** A response as it came: status, headers, body. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {}

    @Retry(maxRetries = 3, delay = 1000, jitter = 0, retryOn = AppUnavailableException.class)
    @Timeout(30_000)
    public Answer send(URI target, String method, Map<String, List<String>> headers, byte[] body)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new AppUnavailableException("cannot connect to " + target.getScheme() + "://" + target.getAuthority()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("calling " + target + " failed: " + e.getMessage(), e);
        }
    }
}
