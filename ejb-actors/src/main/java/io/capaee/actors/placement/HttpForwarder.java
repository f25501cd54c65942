// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.placement;

import io.capaee.actors.runtime.Forwarder;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.json.Jsonp;
import io.capaee.api.tracing.TraceContext;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Forwards actor operations to their owner through its Dapr actor API, marked with
 * {@value #FORWARDED} so that the owner runs them or refuses them but never forwards them again. The
 * owner's Dapr error comes back as the {@link ActorException} it stands for; an owner that cannot be
 * connected to, or that answers 503 (stopping, or no longer the owner), as {@link Reason#NOT_OWNER}, so
 * that the caller looks again. A call that reached the owner and then timed out is not tried again:
 * it may have run.
 */
public final class HttpForwarder implements Forwarder {
    /** The header of a forwarded operation. */
    public static final String FORWARDED = "Capa-Actor-Forwarded";
    private static final JsonProvider JSON = Jsonp.provider();

    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> apiToken;

    /**
     * @param timeout how long a forwarded operation may take (the owner's call timeout and the method's run)
     * @param apiToken the owner's Dapr API token ({@code capa.invoke.api-token}), when its API needs one
     */
    public HttpForwarder(HttpClient http, Duration timeout, Optional<String> apiToken) {
        this.http = http;
        this.timeout = timeout;
        this.apiToken = apiToken.filter(t -> !t.isBlank());
    }

    @Override
    public CompletionStage<ActorResponse> invoke(URI owner, ActorId actor, String method, ActorRequest request) {
        HttpRequest.Builder b = request(owner, actor, "method/" + segment(method))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        if (request.reentrancyId() != null) {
            b.header("Dapr-Reentrancy-Id", request.reentrancyId());
        }
        TraceContext.injectCurrent(b::header); // the caller's span, when tracing is on: the owner's spans continue it
        return send(owner, actor, b.build()).thenApply(r -> new ActorResponse(r.body(), r.headers().firstValue("Content-Type").orElse(null)));
    }

    @Override
    public CompletionStage<Void> createReminder(URI owner, ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
        JsonObjectBuilder body = schedule(spec).add("overwrite", overwrite);
        return send(owner, actor, put(owner, actor, "reminders/" + segment(name), body.build())).thenApply(r -> null);
    }

    @Override
    public CompletionStage<Boolean> deleteReminder(URI owner, ActorId actor, String name) {
        return send(owner, actor, request(owner, actor, "reminders/" + segment(name)).DELETE().build()).thenApply(r -> true);
    }

    @Override
    public CompletionStage<Void> createTimer(URI owner, ActorId actor, String name, ScheduleSpec spec) {
        JsonObjectBuilder body = schedule(spec);
        if (spec.callback() != null) {
            body.add("callback", spec.callback());
        }
        return send(owner, actor, put(owner, actor, "timers/" + segment(name), body.build())).thenApply(r -> null);
    }

    @Override
    public CompletionStage<Boolean> deleteTimer(URI owner, ActorId actor, String name) {
        return send(owner, actor, request(owner, actor, "timers/" + segment(name)).DELETE().build()).thenApply(r -> true);
    }

    private static JsonObjectBuilder schedule(ScheduleSpec spec) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (spec.dueTime() != null) {
            b.add("dueTime", spec.dueTime());
        }
        if (spec.period() != null) {
            b.add("period", spec.period());
        }
        if (spec.ttl() != null) {
            b.add("ttl", spec.ttl());
        }
        if (spec.data() != null) {
            try (var reader = JSON.createReader(new StringReader(spec.data()))) {
                b.add("data", reader.readValue());
            }
        }
        return b;
    }

    private HttpRequest put(URI owner, ActorId actor, String path, JsonObject body) {
        return request(owner, actor, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(URI owner, ActorId actor, String path) {
        String base = owner.toString().endsWith("/") ? owner.toString() : owner + "/";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "v1.0/actors/" + segment(actor.type()) + "/" + segment(actor.id()) + "/" + path))
                .timeout(timeout).header(FORWARDED, "1");
        apiToken.ifPresent(t -> b.header("dapr-api-token", t));
        return b;
    }

    private CompletionStage<HttpResponse<byte[]>> send(URI owner, ActorId actor, HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
            if (e != null) {
                throw failure(owner, actor, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
            if (r.statusCode() >= 300) {
                throw refusal(owner, r);
            }
            return r;
        });
    }

    private static ActorException failure(URI owner, ActorId actor, Throwable e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return new ActorException(Reason.NOT_OWNER, "the owner of " + actor + ", " + owner + ", cannot be reached: " + e, e);
        }
        return new ActorException(Reason.METHOD_FAILED, "the call to " + actor + " forwarded to " + owner + " failed: " + e, e);
    }

    /** The owner's Dapr error as the refusal it stands for. */
    private static ActorException refusal(URI owner, HttpResponse<byte[]> r) {
        String code = "";
        String message = new String(r.body(), StandardCharsets.UTF_8);
        try (var reader = JSON.createReader(new StringReader(message))) {
            JsonObject error = reader.readObject();
            code = error.getString("errorCode", "");
            message = error.getString("message", message);
        } catch (RuntimeException notJson) {
            // the body as it came, in the message
        }
        String m = owner + " answered " + r.statusCode() + (code.isEmpty() ? "" : " " + code) + ": " + message;
        Reason reason = switch (r.statusCode()) {
            case 400 -> code.startsWith("ERR_ACTOR_REMINDER_CREATE") || code.startsWith("ERR_ACTOR_TIMER_CREATE")
                    ? Reason.BAD_SCHEDULE : Reason.BAD_REQUEST;
            case 403, 404 -> "ERR_ACTOR_REMINDER_NOT_FOUND".equals(code) ? Reason.REMINDER_NOT_FOUND
                    : code.startsWith("ERR_ACTOR_") ? Reason.UNKNOWN_TYPE : Reason.METHOD_FAILED;
            case 409 -> Reason.REMINDER_EXISTS;
            case 429 -> Reason.BUSY;
            case 503 -> Reason.NOT_OWNER;
            default -> "ERR_ACTOR_STACK_DEPTH".equals(code) ? Reason.STACK_DEPTH : Reason.METHOD_FAILED;
        };
        return new ActorException(reason, m);
    }

    /** One path segment, percent-encoded (URLEncoder would turn a space into '+', which a path keeps). */
    static String segment(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
