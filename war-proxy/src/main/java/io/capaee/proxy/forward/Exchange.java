// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.proxy.rest.Problem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One proxied request: picks an upstream, sends the request with the JDK client's
 * {@code sendAsync}, copies status and headers when they arrive, streams the body back, and on a
 * failure before any response retries on the next URL when that is safe: nothing of the request
 * body was read yet, and the method is idempotent or the connection was never made.
 */
final class Exchange {
    private static final Logger LOG = Logger.getLogger(Exchange.class.getName());
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final ForwardClient client;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Target target;
    private final String method;
    private final String query;
    private final AtomicBoolean bodyRead = new AtomicBoolean();
    private final long contentLength;
    private final boolean hasBody;
    private AsyncContext async;
    private InputStream body;
    private int start;
    private long tried;
    private volatile boolean responding;

    Exchange(ForwardClient client, HttpServletRequest request, HttpServletResponse response, Target target) {
        this.client = client;
        this.request = request;
        this.response = response;
        this.target = target;
        this.method = request.getMethod();
        this.query = request.getQueryString();
        this.contentLength = request.getContentLengthLong();
        this.hasBody = contentLength > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    void start() throws IOException {
        if (hasBody) {
            body = request.getInputStream();
        }
        async = request.startAsync();
        async.setTimeout(0); // the client's connect and response timeouts apply; a streamed body may take long
        start = client.upstreams().start(target.function(), target.revision(), target.urls().size());
        attempt(null);
    }

    private void attempt(Throwable previous) {
        int index = client.upstreams().next(target.urls(), start, tried);
        if (index < 0) {
            fail(previous);
            return;
        }
        tried |= 1L << index;
        String base = target.urls().get(index);
        HttpRequest upstream;
        try {
            upstream = build(base);
        } catch (IllegalArgumentException e) {
            error(400, "bad-request", "Bad Request", "the request cannot be forwarded: " + e.getMessage());
            return;
        }
        client.client().sendAsync(upstream, this::onResponse).whenComplete((r, e) -> done(base, e));
    }

    private HttpRequest build(String base) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.upstreamUrl(base, query)))
                .timeout(client.responseTimeout())
                .method(method, publisher());
        Set<String> listed = Headers.connectionListed(request.getHeader("Connection"));
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            if (!Headers.forwardRequest(name, listed)) {
                continue;
            }
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
                try {
                    b.header(name, values.nextElement());
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.FINE, "header {0} not forwarded: {1}", new Object[] {name, e.getMessage()});
                }
            }
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = request.getRemoteAddr();
        b.header("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank() ? client : forwardedFor + ", " + client);
        String host = request.getHeader("Host"); // absent over HTTP/2 (:authority): rebuild it
        b.header("X-Forwarded-Host", host != null ? host : request.getServerName() + ":" + request.getServerPort());
        b.header("X-Forwarded-Proto", request.getScheme());
        b.header("X-Forwarded-Prefix", target.prefix());
        return b.build();
    }

    private HttpRequest.BodyPublisher publisher() {
        if (!hasBody) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            bodyRead.set(true);
            return body;
        });
        return contentLength >= 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, contentLength) : stream;
    }

    private HttpResponse.BodySubscriber<Void> onResponse(HttpResponse.ResponseInfo info) {
        responding = true;
        response.setStatus(info.statusCode());
        HttpHeaders headers = info.headers();
        headers.map().forEach((name, values) -> {
            if (Headers.forwardResponse(name)) {
                for (String value : values) {
                    response.addHeader(name, value);
                }
            }
        });
        long length = headers.firstValueAsLong("Content-Length").orElse(-1);
        if (length >= 0) {
            response.setContentLengthLong(length);
        } else {
            response.setBufferSize(0); // unknown length (streams, events): nothing held back in the container
        }
        try {
            return new ServletBodySubscriber(response, length < 0);
        } catch (IOException e) {
            return HttpResponse.BodySubscribers.replacing(null);
        }
    }

    private void done(String base, Throwable failure) {
        if (failure == null) {
            client.upstreams().markHealthy(base);
            async.complete();
            return;
        }
        Throwable cause = unwrap(failure);
        if (responding) {
            // the status is sent: nothing to retry or report; cut the response short
            LOG.log(Level.FINE, "upstream {0} failed while its response was being copied: {1}", new Object[] {base, cause.toString()});
            async.complete();
            return;
        }
        boolean notConnected = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        boolean timedOut = cause instanceof HttpTimeoutException;
        if (notConnected || timedOut) {
            client.upstreams().markUnhealthy(base);
            LOG.log(Level.WARNING, "upstream {0} of {1}/{2} marked unhealthy: {3}",
                    new Object[] {base, target.function(), target.revision(), cause.toString()});
        }
        if (!bodyRead.get() && (notConnected || IDEMPOTENT.contains(method))) {
            attempt(cause);
            return;
        }
        fail(cause);
    }

    private void fail(Throwable cause) {
        String what = "revision " + target.revision() + " of function " + target.function();
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            error(504, "gateway-timeout", "Gateway Timeout", "no answer from the upstream of " + what + " within " + client.responseTimeout());
        } else {
            error(502, "bad-gateway", "Bad Gateway", "no upstream of " + what + " could be reached"
                    + (cause == null ? "" : ": " + cause.getClass().getSimpleName()));
        }
    }

    private void error(int status, String kind, String title, String detail) {
        try {
            if (!response.isCommitted()) {
                response.reset();
                ForwardServlet.write(response, status, Problem.MEDIA_TYPE, Problem.json(status, kind, title, detail));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "error answer not sent: {0}", e.toString());
        } finally {
            async.complete();
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

}
