// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Delivers input-binding events to an application URL with Dapr's contract (runtime-api 3.4.2):
 * an {@code OPTIONS} probe first (404 means the application does not take this binding; any
 * other answer means it does), then for every event a {@code POST} of the raw data with
 * {@code Content-Type: application/json} and the event's metadata as headers. A 2xx answer is
 * success; anything else throws, so that the resource adapter retries and then dead-letters.
 */
@ApplicationScoped
public class AppDelivery {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Headers the HTTP client sets itself or refuses. */
    private static final Set<String> SKIPPED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "content-type");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

    /** @param app the spec's target, an application: it must be an http(s) URL */
    public void deliver(InboundMessage message, EventTarget app) throws InputBindingException {
        if (!app.isUrl()) {
            throw new InputBindingException("target '" + message.target() + "' is not an http(s) or grpc(s) URL");
        }
        URI target = URI.create(app.app());
        probe(target);
        // set last: the message's metadata cannot make this request pass for a loopback client's
        post(message, target, request -> request.setHeader(AccessPolicy.SERVER_REQUEST_HEADER, "1"));
    }

    /**
     * POSTs the event to one of this server's functions, without the probe (wasm functions answer every path
     * they serve): a delivery named in configuration, so it carries the server's own Dapr API token (when
     * one is configured) instead of the mark of a request the server sends on a caller's behalf.
     */
    public void toFunction(InboundMessage message, URI target, Optional<String> ownToken) throws InputBindingException {
        post(message, target, request -> ownToken.ifPresent(token -> request.setHeader(AccessPolicy.APP_TOKEN_HEADER, token)));
    }

    /** @param credentials sets, after the message's metadata, what says who sends the request */
    private void post(InboundMessage message, URI target, Consumer<HttpRequest.Builder> credentials) throws InputBindingException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("capa-attempt", Integer.toString(message.attempt()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.data()));
        message.metadata().forEach((name, value) -> {
            if (!SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
                try {
                    request.header(name, value);
                } catch (IllegalArgumentException e) {
                    // not a valid HTTP header: the application cannot receive it as one
                }
            }
        });
        credentials.accept(request);
        int status = send(request.build(), target);
        if (status < 200 || status > 299) {
            throw new InputBindingException("the application at " + target + " answered " + status
                    + " for an event from " + message.destination());
        }
    }

    private void probe(URI target) throws InputBindingException {
        if (subscribed.contains(target.toString())) {
            return;
        }
        int status = send(HttpRequest.newBuilder(target).timeout(TIMEOUT).header(AccessPolicy.SERVER_REQUEST_HEADER, "1")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), target);
        if (status == 404) {
            throw new InputBindingException("the application at " + target
                    + " answered 404 to OPTIONS: it does not take this input binding");
        }
        subscribed.add(target.toString());
    }

    private int send(HttpRequest request, URI target) throws InputBindingException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new InputBindingException("cannot reach the application at " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputBindingException("interrupted delivering to " + target, e);
        }
    }
}
