// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.proxy.dapr.DaprException;
import io.capaee.proxy.dapr.DirectCallFilter;
import io.capaee.proxy.dapr.DirectCalls;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Actor method calls ({@code GET|POST|PUT|DELETE /v1.0/actors/{type}/{id}/method/{method}}) answered
 * from the servlet request, before JAX-RS, with the same answers as {@link ActorsResource#invoke}
 * (access level {@code APP}, {@code capa.dapr.max-body-bytes}, Dapr's error bodies). An idle actor's
 * turn runs on the request thread and is answered at once; a busy actor's call goes asynchronous
 * (the servlet's {@link AsyncContext}) and is answered when its turn ran. JAX-RS suspends every such
 * request, whether or not it ends on the same thread, because its method must declare
 * {@code AsyncResponse} ahead: a profile of {@code bench/actors.sh} at saturation showed the
 * suspension at about 30 µs of the call's 175 µs of server CPU time, and JAX-RS's dispatch more.
 * Every other request, and any path not exactly of that shape (a matrix parameter, an empty or
 * extra segment) or naming an app ({@link DirectCalls#forJaxRs}), goes on to JAX-RS unchanged.
 */
@WebFilter(urlPatterns = "/v1.0/actors/*", asyncSupported = true)
public class ActorCallFilter extends DirectCallFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ActorCallFilter.class.getName());
    private static final String PREFIX = "/v1.0/actors/";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final String ROUTE = "/v1.0/actors/{type}/{id}/method/{method}";

    @Inject
    transient DaprActors actors;

    /** What one call answered: the actor's response, the refusal, or a failure no one expected (JAX-RS's fallback answer). */
    private record Answer(ActorResponse response, DaprException failure, RuntimeException unexpected) {}

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String[] target = METHODS.contains(request.getMethod()) && !DirectCalls.forJaxRs(request, path) ? target(path) : null;
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        if (refused(request, response)) {
            return;
        }
        String agent = request.getHeader("User-Agent");
        TraceSpan span = serverSpan(request, ROUTE);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try (Scope entered = span.enter()) {
            ActorId actor = DaprActors.actor(target[0], target[1]);
            ActorRequest call = new ActorRequest(body(request), request.getHeader("Content-Type"), request.getHeader("Dapr-Reentrancy-Id"));
            actors.forwarded(request.getHeader(ActorsResource.FORWARDED)).invoke(actor, target[2], call,
                    (r, e) -> answer.complete(new Answer(r, e, null)));
        } catch (DaprException e) {
            answer.complete(new Answer(null, e, null));
        } catch (IOException e) {
            span.failed(e); // the body did not come in whole: the container answers, as for any request
            span.close();
            throw e;
        } catch (RuntimeException e) {
            answer.complete(new Answer(null, null, e));
        }
        if (answer.isDone()) {
            write(answer.join(), agent, response, span);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // as a JAX-RS AsyncResponse: the runtime bounds a call (its queue, its turn's time limit)
        answer.thenAccept(a -> {
            try {
                write(a, agent, (HttpServletResponse) async.getResponse(), span);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "the answer to an actor call could not be written: {0}", e.toString());
            } finally {
                async.complete();
            }
        });
    }

    /**
     * {type, id, method}, percent-decoded as JAX-RS decodes path parameters, when the path is exactly
     * {@code /v1.0/actors/{type}/{id}/method/{method}} with no empty segment and each segment decodes
     * ({@link DirectCalls#decode}); null otherwise, so that JAX-RS answers as it always did.
     */
    static String[] target(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 4 || !parts[2].equals("method") || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
            return null;
        }
        String type = DirectCalls.decode(parts[0]);
        String id = DirectCalls.decode(parts[1]);
        String method = DirectCalls.decode(parts[3]);
        return type == null || id == null || method == null ? null : new String[] {type, id, method};
    }

    private static void write(Answer answer, String agent, HttpServletResponse response, TraceSpan span) throws IOException {
        try (span) {
            if (answer.unexpected() != null || answer.failure() != null) {
                answerFailure(answer.unexpected() != null ? answer.unexpected() : answer.failure(), span, agent, response, LOG);
                return;
            }
            span.httpStatus(200);
            byte[] body = answer.response().body();
            String type = answer.response().contentType();
            ServletReplies.write(response, 200, body.length == 0 ? null : type == null ? MediaType.APPLICATION_JSON : type, body);
        }
    }
}
