// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.api.InvalidValueException;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.EventTarget;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.tracing.TraceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Delivers a firing to the job's {@link EventTarget}, as the input bindings deliver their events:
 * <ul>
 * <li>no target: Dapr's job callback, {@code POST <capa.app.url>/job/<name>} with the job's data, or a gRPC
 * app's {@code OnJobEventAlpha1} ({@code capa.app.protocol=grpc}, {@link GrpcJobCallback});
 * <li>a path or an {@code http(s)://} URL: a {@code POST} of the data to it (a path is on {@code capa.app.url});
 * <li>{@code function:NAME[/REVISION]}: a {@code POST} to the function, with the server's own API token;
 * <li>{@code actor:TYPE/ID/METHOD}: a call of the actor method with the data as its body;
 * <li>{@code binding:NAME}: the output binding's {@code create} with the data, metadata {@code job} and
 * {@code key} (a message's key, an entry's key) both the job's name.
 * </ul>
 * A request to an application carries {@link AccessPolicy#SERVER_REQUEST_HEADER}, so that a job cannot
 * reach this server's own APIs with the trust a loopback caller gets, and a URL must be under
 * {@code capa.app.url} or one of {@code capa.jobs.allowed-urls}: whoever may schedule a job does not
 * choose, beyond those, what the server sends requests to. A 2xx answer is a delivery.
 */
public final class JobTargets implements JobDelivery {
    private final HttpClient http;
    private final Duration timeout;
    private final String appUrl;
    private final String functionsUrl;
    private final Optional<String> ownToken;
    private final List<String> allowedUrls;
    private final ActorRuntime actors;
    private final Function<String, OutputBindingFactory> bindings;
    private final Optional<JobDelivery> grpcApp;

    /**
     * @param appUrl {@code capa.app.url}, empty when no application is configured
     * @param allowedUrls further URLs a job may be delivered to, with what is below them ({@code capa.jobs.allowed-urls})
     * @param bindings the output binding factory of a name (a JNDI lookup of {@code eis/binding/NAME} on the server)
     * @param grpcApp the application's job callback when it is a gRPC app ({@code capa.app.protocol=grpc},
     *                {@link GrpcJobCallback}); empty: {@code POST <capa.app.url>/job/NAME}
     */
    public JobTargets(HttpClient http, Duration timeout, String appUrl, List<String> allowedUrls, String functionsUrl,
                      Optional<String> ownToken, ActorRuntime actors, Function<String, OutputBindingFactory> bindings,
                      Optional<JobDelivery> grpcApp) {
        this.http = http;
        this.timeout = timeout;
        this.appUrl = appUrl.replaceAll("/+$", "");
        this.functionsUrl = functionsUrl.replaceAll("/+$", "");
        this.ownToken = ownToken;
        this.allowedUrls = Stream.concat(Stream.of(this.appUrl), allowedUrls.stream().map(u -> u.strip().replaceAll("/+$", "")))
                .filter(u -> !u.isEmpty()).toList();
        this.actors = actors;
        this.bindings = bindings;
        this.grpcApp = grpcApp;
    }

    @Override
    public void check(JobSpec job) {
        EventTarget target = target(job);
        if (target.isGrpc()) {
            throw new InvalidValueException("target", "'" + job.target() + "' is a gRPC URL: a job reaches a gRPC app as its job"
                    + " callback, with capa.app.protocol=grpc and no target");
        }
        if (target.kind() == EventTarget.Kind.APP && !target.isUrl() && appUrl.isEmpty()) {
            throw new InvalidValueException("target", (job.target() == null ? "none given, so the application's /job/" + job.name()
                    : "'" + job.target() + "' is a path on the application") + ", but capa.app.url is not set");
        }
        if (grpcApp.isPresent() && job.target() != null && target.kind() == EventTarget.Kind.APP && !target.isUrl()) {
            throw new InvalidValueException("target", "'" + job.target() + "' is a path on the application, but the application is a"
                    + " gRPC app (capa.app.protocol=grpc), which takes jobs only through its job callback: give no target");
        }
        if (target.isUrl() && allowedUrls.stream().noneMatch(u -> target.app().equals(u) || target.app().startsWith(u + "/"))) {
            throw new InvalidValueException("target", "'" + job.target() + "' is not under capa.app.url nor under one of capa.jobs.allowed-urls");
        }
    }

    @Override
    public void deliver(JobSpec job) {
        check(job); // again: the settings may have changed since it was scheduled
        if (job.target() == null && grpcApp.isPresent()) {
            grpcApp.get().deliver(job);
            return;
        }
        EventTarget target = target(job);
        byte[] data = job.data() == null ? new byte[0] : job.data().getBytes(StandardCharsets.UTF_8);
        switch (target.kind()) {
            case FUNCTION -> post(job, URI.create(functionsUrl + "/" + target.functionPath()), data,
                    ownToken.map(token -> Map.of(AccessPolicy.APP_TOKEN_HEADER, token)).orElse(Map.of()));
            case ACTOR -> {
                try {
                    actors.invoke(target.actor().actor(), target.actor().method(), new ActorRequest(data, "application/json", null));
                } catch (ActorException e) {
                    throw failed(job, target, e.reason() + ": " + e.getMessage(), e);
                }
            }
            case BINDING -> {
                try (OutputBinding binding = bindings.apply(target.name()).getConnection()) {
                    Map<String, String> metadata = new HashMap<>(TraceContext.current()); // the firing's span, as Dapr passes it
                    metadata.put("job", job.name());
                    metadata.put("key", job.name());
                    binding.invoke("create", data, metadata);
                } catch (RuntimeException e) {
                    throw failed(job, target, e.getMessage(), e);
                }
            }
            default -> post(job, target.isUrl() ? URI.create(target.app()) : URI.create(appUrl + target.app()), data,
                    Map.of(AccessPolicy.SERVER_REQUEST_HEADER, "1"));
        }
    }

    private static EventTarget target(JobSpec job) {
        return EventTarget.parse(job.target() == null ? "/job/" + job.name() : job.target());
    }

    private void post(JobSpec job, URI uri, byte[] data, Map<String, String> credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data));
        credentials.forEach(request::header);
        TraceContext.injectCurrent(request::header); // the firing's span is the parent of what the target does
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw failed(job, uri, "cannot reach it: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(job, uri, "interrupted", e);
        }
        if (status < 200 || status > 299) {
            throw failed(job, uri, "it answered " + status, null);
        }
    }

    private static JobException failed(JobSpec job, Object target, String why, Throwable cause) {
        return new JobException(JobException.Reason.DELIVERY, "job '" + job.name() + "' could not be delivered to " + target + ": " + why, cause);
    }
}
