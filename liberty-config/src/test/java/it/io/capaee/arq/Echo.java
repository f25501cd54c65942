// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.arq;

import io.capaee.api.inbound.InboundMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the test beans do with a message: its payload is a URL of the test's own HTTP server, and
 * the bean POSTs the source and attempt there. A failed POST throws, so the adapter's retry runs.
 */
final class Echo {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Echo() {}

    static void back(InboundMessage message) throws IOException, InterruptedException {
        URI uri = URI.create(new String(message.data(), StandardCharsets.UTF_8));
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(message.source() + " " + message.attempt()))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 204) {
            throw new IOException("the test answered " + answer.statusCode());
        }
    }
}
