// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.http.HttpClients;
import io.capaee.connector.http.HttpSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Sink {@code http}: the payload as a request body and the message's headers as request headers
 * (except those the HTTP client sets itself); a 2xx answer accepts it.
 */
final class HttpSink implements ConnectorSink {
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "content-type", "expect", "host",
            "upgrade", "te", "trailer", "transfer-encoding", "keep-alive", "proxy-connection");
    private final HttpSettings settings;
    private final HttpClient client;
    private final String verb;

    HttpSink(ComponentStep step) {
        settings = HttpSettings.of("url", step.string("url", null), "timeout", step.duration("timeout", Duration.ofSeconds(5)));
        verb = step.string("verb", "POST");
        client = HttpClients.create(settings);
    }

    @Override
    public void send(Envelope message) throws Exception {
        HttpRequest.Builder request = HttpClients.request(settings, settings.url())
                .method(verb, HttpRequest.BodyPublishers.ofByteArray(message.data()))
                .header("Content-Type", message.headers().getOrDefault("Content-Type", "application/octet-stream"));
        message.headers().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
                try {
                    request.header(name, value);
                } catch (IllegalArgumentException e) {
                    // a name the JDK client reserves or refuses: that header is not forwarded
                }
            }
        });
        // built last: the message's headers cannot make this request pass for a loopback client's
        HttpResponse<String> response = client.send(HttpClients.build(request), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(verb + " " + settings.url() + " answered " + response.statusCode());
        }
    }

    @Override
    public void close() {
        // the JDK client has no close before Java 21; its connections time out on their own
    }
}
