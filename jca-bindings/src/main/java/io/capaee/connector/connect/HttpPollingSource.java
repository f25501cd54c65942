// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.http.HttpClients;
import io.capaee.connector.http.HttpSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Source {@code http}: polls a URL every {@code interval}; a 2xx answer with a body is one
 * message (an HTTP server cannot redeliver, so it is retried inside the connector). A failed poll
 * throws, which the connector counts as an error before polling again.
 */
final class HttpPollingSource implements ConnectorSource {
    private final HttpSettings settings;
    private final HttpClient client;
    private final String verb;
    private final Duration interval;
    private long nextPollNanos = System.nanoTime();

    HttpPollingSource(ComponentStep step) {
        settings = HttpSettings.of("url", step.string("url", null), "timeout", step.duration("timeout", Duration.ofSeconds(5)));
        verb = step.string("verb", "GET");
        interval = step.duration("interval", Duration.ofSeconds(1));
        client = HttpClients.create(settings);
    }

    @Override
    public List<Received> poll(Duration wait) throws Exception {
        if (nextPollNanos - System.nanoTime() > 0) {
            return List.of(); // not due: the connector's idle pause follows, no thread waits here
        }
        nextPollNanos = System.nanoTime() + interval.toNanos();
        HttpRequest.Builder request = HttpClients.request(settings, settings.url());
        request = "POST".equals(verb) ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        HttpResponse<byte[]> response = client.send(HttpClients.build(request), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(verb + " " + settings.url() + " answered " + response.statusCode());
        }
        if (response.body().length == 0) {
            return List.of();
        }
        Map<String, String> headers = response.headers().firstValue("Content-Type")
                .map(type -> Map.of("Content-Type", type)).orElse(Map.of());
        return List.of(new Received(new Envelope(response.body(), headers, null), Received.NONE));
    }

    @Override
    public void close() {
        // the JDK client has no close before Java 21; its connections time out on their own
    }
}
