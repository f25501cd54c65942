// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.remote;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.tracing.TraceContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** One Dapr-style actor application, reached over HTTP at its base URL. */
public final class RemoteHost {
    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    public RemoteHost(URI base, HttpClient client, Duration timeout) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.client = client;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** {@code GET /dapr/config}: the body, or an exception when the host does not answer 200. */
    public String config() {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/dapr/config")).GET(), "GET /dapr/config");
        if (r.statusCode() != 200) {
            throw new ActorException(ActorException.Reason.HOST_UNAVAILABLE, "actor host " + base + " answered " + r.statusCode() + " to /dapr/config");
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** {@code PUT /actors/{type}/{id}/method/{method}}; the host's 404 means "no such method". */
    public ActorResponse method(ActorId actor, String method, ActorRequest request, boolean cancelable) {
        return answer(actor, method, send(methodRequest(actor, method, request), "method '" + method + "' of " + actor), cancelable);
    }

    /**
     * {@link #method} without holding a thread while the host works: the stage completes on the
     * HTTP client's executor when the answer arrives (or fails with {@link ActorException}).
     */
    public CompletableFuture<ActorResponse> methodAsync(ActorId actor, String method, ActorRequest request) {
        String what = "method '" + method + "' of " + actor;
        return client.sendAsync(methodRequest(actor, method, request).timeout(timeout).header("Dapr-API-Call", "true")
                .header(AccessPolicy.SERVER_REQUEST_HEADER, "1").build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .handle((r, e) -> {
                    if (e != null) {
                        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        throw new ActorException(ActorException.Reason.HOST_UNAVAILABLE, "actor host " + base + " is unreachable for " + what + ": " + c, c);
                    }
                    return answer(actor, method, r, false);
                });
    }

    private HttpRequest.Builder methodRequest(ActorId actor, String method, ActorRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(actorUri(actor, "/method/" + path(method)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .header("Content-Type", request.contentType() == null ? "application/json" : request.contentType());
        if (request.reentrancyId() != null) {
            b.header("Dapr-Reentrancy-Id", request.reentrancyId());
        }
        TraceContext.injectCurrent(b::header); // the actor's span (turn), when tracing is on: the app host continues it
        return b;
    }

    private ActorResponse answer(ActorId actor, String method, HttpResponse<byte[]> r, boolean cancelable) {
        if (cancelable && "true".equalsIgnoreCase(r.headers().firstValue("X-DaprReminderCancel").orElse(""))) {
            return null;
        }
        if (r.statusCode() == 404) {
            throw new ActorException(ActorException.Reason.METHOD_NOT_FOUND,
                    "actor host " + base + " has no method '" + method + "' for " + actor + " (404)");
        }
        if (r.statusCode() / 100 != 2 || r.headers().firstValue("X-DaprErrorResponseHeader").isPresent()) {
            throw new ActorException(ActorException.Reason.METHOD_FAILED, "actor host " + base + " answered " + r.statusCode() + " to method '"
                    + method + "' of " + actor + ": " + snippet(r.body()));
        }
        return new ActorResponse(r.body(), r.headers().firstValue("Content-Type").orElse(r.body().length == 0 ? null : "application/json"));
    }

    /** {@code DELETE /actors/{type}/{id}}. */
    public void deactivate(ActorId actor) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(actorUri(actor, "")).DELETE(), "deactivation of " + actor);
        if (r.statusCode() / 100 != 2) {
            throw new ActorException(ActorException.Reason.METHOD_FAILED, "actor host " + base + " answered " + r.statusCode() + " to deactivating " + actor);
        }
    }

    private URI actorUri(ActorId actor, String tail) {
        return URI.create(base + "/actors/" + path(actor.type()) + "/" + path(actor.id()) + tail);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String what) {
        try {
            return client.send(request.timeout(timeout).header("Dapr-API-Call", "true")
                    .header(AccessPolicy.SERVER_REQUEST_HEADER, "1").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ActorException(ActorException.Reason.HOST_UNAVAILABLE, "actor host " + base + " is unreachable for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActorException(ActorException.Reason.HOST_UNAVAILABLE, "interrupted calling actor host " + base, e);
        }
    }

    private static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
