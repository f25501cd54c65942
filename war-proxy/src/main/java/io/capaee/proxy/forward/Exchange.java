// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.api.http.Problem;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.tracing.TraceContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.Timeout;

/**
 * One proxied request, forwarded synchronously on the container thread that received it: picks
 * an upstream, sends the request through {@link ForwardClient}, copies status and headers,
 * streams the body back, and on a failure before any response retries on the next URL when that
 * is safe: nothing of the request body was read yet, and the method is idempotent or the
 * connection was never made.
 */
final class Exchange {
    private static final Logger LOG = Logger.getLogger(Exchange.class.getName());
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
    /** Methods that change nothing (RFC 9110 9.2.1): the only ones a traffic rule retries. */
    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** Told of each attempt: the index of its URL, the upstream's status (0: no answer), its duration. */
    @FunctionalInterface
    interface AttemptListener {
        void attempted(int index, int status, long nanos);
    }

    /**
     * How one exchange behaves: the time limit for the upstream's headers (null: the client's), the
     * methods retried after a failure without an answer, whether a request that never reached an
     * upstream (no connection) is retried whatever its method, the request body already read (null:
     * streamed from the client), who is told of each attempt (null: nobody), what error details call
     * the route (null: the function and revision), and whether the URLs are tried in their order
     * (a traffic rule's decision) rather than round-robin.
     */
    record Options(Timeout responseTimeout, Set<String> retried, boolean retryUnsent, byte[] body, AttemptListener listener,
            String subject, boolean inOrder) {
        /** The function routes' behaviour, as Capsule's. */
        static final Options FUNCTIONS = new Options(null, IDEMPOTENT, true, null, null, null, false);
    }
    /** Methods sent with {@code Content-Length: 0} when the client sent no body (as the JDK client did). */
    private static final Set<String> EMPTY_BODY_LENGTH = Set.of("POST", "PUT", "PATCH");
    private static final byte[] NO_BYTES = new byte[0];
    private static final int BUFFER = 16 * 1024;

    private final ForwardClient client;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Target target;
    private final String method;
    private final String query;
    private final long contentLength;
    private final boolean hasBody;
    private final Options options;
    private InputStream body;
    private boolean bodyRead;
    private boolean responding;
    /** The status of the current attempt's answer; 0 while none came. */
    private int status;

    Exchange(ForwardClient client, HttpServletRequest request, HttpServletResponse response, Target target) {
        this(client, request, response, target, Options.FUNCTIONS);
    }

    Exchange(ForwardClient client, HttpServletRequest request, HttpServletResponse response, Target target, Options options) {
        this.options = options;
        this.client = client;
        this.request = request;
        this.response = response;
        this.target = target;
        this.method = request.getMethod();
        this.query = request.getQueryString();
        this.contentLength = options.body() != null ? options.body().length : request.getContentLengthLong();
        this.hasBody = options.body() != null ? options.body().length > 0 : contentLength > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Forwards the request and writes the answer; returns when the response is complete. */
    void run() throws IOException {
        if (hasBody) {
            body = new FilterInputStream(options.body() != null ? new java.io.ByteArrayInputStream(options.body()) : request.getInputStream()) {
                @Override
                public int read() throws IOException {
                    bodyRead = true;
                    return super.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    bodyRead = true;
                    return super.read(b, off, len);
                }
            };
        }
        Upstreams upstreams = client.upstreams();
        int start = options.inOrder() ? 0 : upstreams.start(target.function(), target.revision(), target.urls().size());
        long tried = 0;
        Throwable previous = null;
        while (true) {
            int index = upstreams.next(target.urls(), start, tried);
            if (index < 0) {
                fail(previous);
                return;
            }
            String base = target.urls().get(index);
            Origin origin;
            BasicClassicHttpRequest upstream;
            HttpCoreContext context;
            try {
                origin = client.origin(base);
            } catch (IllegalArgumentException e) {
                // the route's URL is unusable: the operator's problem, and its address stays in the log
                LOG.log(Level.WARNING, "an upstream of {0}/{1} cannot be used: {2}",
                        new Object[] {target.function(), target.revision(), e.getMessage()});
                error(502, "bad-gateway", "Bad Gateway", "an upstream URL of revision " + target.revision()
                        + " of function " + target.function() + " cannot be used; the server log has the detail");
                return;
            }
            try {
                upstream = build(origin, origin.requestTarget(target.upstreamUrl(base, query)));
                // before any connection: a request HttpCore refuses is the client's fault, not this upstream's
                context = client.prepare(upstream);
            } catch (IllegalArgumentException e) {
                // the URI parser's message quotes the whole upstream URL: not for the client
                LOG.log(Level.FINE, "a request for {0}/{1} cannot be forwarded: {2}",
                        new Object[] {target.function(), target.revision(), e.getMessage()});
                error(400, "bad-request", "Bad Request", "the request cannot be forwarded: its path or query holds"
                        + " a character a URL may not hold");
                return;
            } catch (ForwardClient.RequestRefused e) {
                error(400, "bad-request", "Bad Request", "the request cannot be forwarded: " + e.getMessage());
                return;
            }
            long started = options.listener() == null ? 0 : System.nanoTime();
            Throwable failure = send(origin, upstream, context);
            if (options.listener() != null) {
                options.listener().attempted(index, status, System.nanoTime() - started);
            }
            if (failure == null) {
                upstreams.markHealthy(base);
                return;
            }
            if (responding) {
                // the status is sent: nothing to retry or report; cut the response short
                LOG.log(Level.FINE, "upstream {0} failed while its response was being copied: {1}", new Object[] {base, failure.toString()});
                return;
            }
            tried |= 1L << index;
            boolean notConnected = failure instanceof ConnectException || failure instanceof ForwardClient.ConnectTimeout
                    || failure instanceof UnknownHostException;
            boolean timedOut = !notConnected && failure instanceof SocketTimeoutException;
            if (notConnected || timedOut) {
                upstreams.markUnhealthy(base);
                LOG.log(Level.WARNING, "upstream {0} of {1}/{2} marked unhealthy: {3}",
                        new Object[] {base, target.function(), target.revision(), failure.toString()});
            }
            if (!bodyRead && ((notConnected && options.retryUnsent()) || options.retried().contains(method))) {
                previous = failure;
                continue;
            }
            fail(failure);
            return;
        }
    }

    /** One attempt: null when the upstream's response was copied, else what failed. */
    private Throwable send(Origin origin, BasicClassicHttpRequest upstream, HttpCoreContext context) {
        ForwardClient.Answer answer;
        status = 0;
        try {
            answer = options.responseTimeout() == null ? client.open(origin, upstream, context)
                    : client.open(origin, upstream, context, options.responseTimeout());
        } catch (IOException | RuntimeException e) {
            return e;
        }
        try {
            copy(answer.response);
            answer.complete();
            return null;
        } catch (IOException | RuntimeException e) {
            answer.abort(); // drop the connection: closing an unread body would read it to its end
            return e;
        } finally {
            answer.close();
        }
    }

    private BasicClassicHttpRequest build(Origin origin, String requestTarget) {
        BasicClassicHttpRequest b = new BasicClassicHttpRequest(method, origin.host(), requestTarget);
        Set<String> listed = Headers.connectionListed(request.getHeader("Connection"));
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            if (!Headers.forwardRequest(name, listed)) {
                continue;
            }
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
                b.addHeader(name, values.nextElement());
            }
        }
        // inside a proxy span (tracing on) the upstream continues it; else the caller's own context passes as it came
        TraceContext.injectCurrent(b::setHeader);
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = request.getRemoteAddr();
        b.addHeader("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank() ? client : forwardedFor + ", " + client);
        String host = request.getHeader("Host"); // absent over HTTP/2 (:authority): rebuild it
        b.addHeader("X-Forwarded-Host", host != null ? host : request.getServerName() + ":" + request.getServerPort());
        b.addHeader("X-Forwarded-Proto", request.getScheme());
        if (!target.prefix().isEmpty()) {
            b.addHeader("X-Forwarded-Prefix", target.prefix());
        }
        if (hasBody) {
            b.setEntity(new InputStreamEntity(body, contentLength >= 0 ? contentLength : -1, null));
        } else if (EMPTY_BODY_LENGTH.contains(method)) {
            b.setEntity(new ByteArrayEntity(NO_BYTES, null));
        }
        return b;
    }

    private void copy(ClassicHttpResponse answer) throws IOException {
        responding = true;
        status = answer.getCode();
        response.setStatus(status);
        long length = -1;
        for (Header h : answer.getHeaders()) {
            String name = h.getName();
            if (Headers.forwardResponse(name)) {
                response.addHeader(name, h.getValue());
            } else if (length < 0 && name.equalsIgnoreCase("Content-Length")) {
                try {
                    length = Long.parseLong(h.getValue().trim());
                } catch (NumberFormatException e) {
                    length = -1;
                }
            }
        }
        if (length >= 0) {
            response.setContentLengthLong(length);
        } else {
            response.setBufferSize(0); // unknown length (streams, events): nothing held back in the container
        }
        HttpEntity entity = answer.getEntity();
        if (entity == null) {
            return;
        }
        // Not closed here: read to its end it needs no closing, and closing it early would read the
        // rest (maybe an endless event stream); the answer then keeps or drops the connection.
        InputStream in = entity.getContent();
        if (in == null) {
            return;
        }
        ServletOutputStream out = response.getOutputStream();
        byte[] buffer = new byte[length >= 0 && length < BUFFER ? (int) Math.max(length, 1) : BUFFER];
        boolean flushEach = length < 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            if (n == 0) {
                continue;
            }
            out.write(buffer, 0, n);
            if (flushEach) {
                response.flushBuffer(); // commits and sends now; a bare out.flush() was held back by the container
            }
        }
    }

    private void fail(Throwable cause) {
        String what = options.subject() != null ? options.subject() : "revision " + target.revision() + " of function " + target.function();
        if (cause instanceof SocketTimeoutException) {
            Object limit = options.responseTimeout() != null ? options.responseTimeout() : client.responseTimeout();
            error(504, "gateway-timeout", "Gateway Timeout", "no answer from the upstream of " + what + " within " + limit);
        } else {
            error(502, "bad-gateway", "Bad Gateway", "no upstream of " + what + " could be reached"
                    + (cause == null ? "" : ": " + cause.getClass().getSimpleName()));
        }
    }

    private void error(int status, String kind, String title, String detail) {
        try {
            if (!response.isCommitted()) {
                response.reset();
                ServletReplies.write(response, status, Problem.MEDIA_TYPE, Problem.json(status, kind, title, detail));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "error answer not sent: {0}", e.toString());
        }
    }
}
