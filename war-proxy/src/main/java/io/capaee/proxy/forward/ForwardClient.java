// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.protocol.DefaultHttpProcessor;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The one upstream HTTP client of the proxy, plus the round-robin and health state.
 *
 * <p>Blocking HTTP/1.1 on the container thread that received the request, over a pool of
 * keep-alive connections ({@link ConnectionPool}), built from Apache HttpCore 5's connection and
 * request executor only: no client exec chain, no route planning, no {@code URI} per request, no
 * automatic retries (the {@link Exchange} decides), redirects, cookies, decompression or
 * authentication. The request's own headers go out as they came, with {@code Host},
 * {@code Content-Length} or {@code Transfer-Encoding: chunked} set from the upstream URL and body.
 *
 * <p>Why this shape, measured with {@code bench/proxy.sh} (see the README's performance section):
 * the JDK's asynchronous {@code HttpClient} crossed threads several times per request and its one
 * selector thread was the bottleneck (ratio 0.04-0.06 to nginx {@code proxy_pass}); Apache
 * HttpClient 5 classic on the container thread did 2-3 times better, but its exec chain and pool
 * lease were still a third of the proxy's CPU in a JFR profile. This keeps its blocking model and
 * its HTTP/1.1 codec and drops the rest.
 *
 * <p>Stale connections: before a pooled connection carries a request, plain or TLS, it gets a
 * non-blocking one-byte read ({@link UpstreamConnection#closedByPeer}); one the upstream closed is
 * dropped before anything was sent, and a fresh one is opened, so even a POST's body is never lost to it.
 *
 * <p>Timeouts: {@code capa.proxy.connect-timeout} for connecting (and a TLS handshake),
 * {@code capa.proxy.response-timeout} until the response's status and headers have arrived; a body is
 * then streamed without a time limit (event streams may be quiet for long).
 */
final class ForwardClient {
    /** Idle connections kept per upstream origin; also the bound on retries past closed pooled ones. */
    static final int MAX_IDLE_PER_ORIGIN = 128;
    /** Parsed base URLs kept; routes change rarely, so past this the cache is simply emptied. */
    private static final int MAX_ORIGINS = 4096;

    private final ConcurrentHashMap<String, Origin> origins = new ConcurrentHashMap<>();
    private final HttpProcessor processor = new DefaultHttpProcessor(RequestContent.INSTANCE, RequestTargetHost.INSTANCE);
    private final HttpRequestExecutor executor = new HttpRequestExecutor(DefaultConnectionReuseStrategy.INSTANCE);
    private final ConnectionPool pool = new ConnectionPool(MAX_IDLE_PER_ORIGIN);
    private final Upstreams upstreams;
    private final SSLContext ssl;
    private final Duration connectTimeout;
    private final int connectMillis;
    private final Duration responseTimeoutDuration;
    private final Timeout responseTimeout;

    /**
     * Not a CDI bean: the servlet owns it (made in {@code init}, closed in {@code destroy}), so
     * that no client proxy sits on the request path.
     */
    ForwardClient(Duration connectTimeout, Duration responseTimeout, Duration unhealthyFor) {
        this(connectTimeout, responseTimeout, unhealthyFor, defaultSsl());
    }

    /** With the TLS context for https upstreams given (tests trust their own certificate). */
    ForwardClient(Duration connectTimeout, Duration responseTimeout, Duration unhealthyFor, SSLContext ssl) {
        this.connectTimeout = connectTimeout;
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
        this.responseTimeoutDuration = responseTimeout;
        this.responseTimeout = Timeout.of(responseTimeout);
        this.ssl = ssl;
        upstreams = new Upstreams(unhealthyFor, System::nanoTime);
    }

    private static SSLContext defaultSsl() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSL context", e);
        }
    }

    void close() {
        pool.closeAll();
    }

    Upstreams upstreams() {
        return upstreams;
    }

    Duration responseTimeout() {
        return responseTimeoutDuration;
    }

    /** The parsed form of an upstream base URL. @throws IllegalArgumentException when it is not one */
    Origin origin(String base) {
        Origin o = origins.get(base);
        if (o == null) {
            o = Origin.parse(base);
            if (origins.size() >= MAX_ORIGINS) {
                origins.clear();
            }
            origins.put(base, o);
        }
        return o;
    }

    /**
     * Checks {@code request} against HTTP/1.1's rules and adds its framing headers
     * ({@code Host}, {@code Content-Length} or {@code Transfer-Encoding}), without any connection:
     * what HttpCore refuses to send is the client's fault, so it must cost no pooled connection,
     * no retry and no upstream's health.
     *
     * @return the context to {@link #open} the request with
     * @throws RequestRefused when HttpCore will not send it, e.g. a TRACE with a body
     */
    HttpCoreContext prepare(ClassicHttpRequest request) throws RequestRefused {
        HttpCoreContext context = HttpCoreContext.create();
        try {
            executor.preProcess(request, processor, context);
        } catch (HttpException e) {
            throw new RequestRefused(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a request processor did I/O; none of ours does", e);
        }
        return context;
    }

    /**
     * Sends a {@link #prepare prepared} {@code request} (its body too) on a pooled or new
     * connection and reads the answer's status and headers; the caller reads the body, then
     * {@link Answer#close closes} the answer.
     */
    Answer open(Origin origin, ClassicHttpRequest request, HttpCoreContext context) throws IOException {
        return open(origin, request, context, responseTimeout);
    }

    /** As {@link #open(Origin, ClassicHttpRequest, HttpCoreContext)}, with a time limit of its own (a traffic rule's). */
    Answer open(Origin origin, ClassicHttpRequest request, HttpCoreContext context, Timeout responseTimeout) throws IOException {
        UpstreamConnection connection = pool.lease(origin.poolKey());
        if (connection == null) {
            connection = connect(origin);
        }
        try {
            connection.http.setSocketTimeout(responseTimeout);
            ClassicHttpResponse response = executor.execute(request, connection.http, context);
            connection.http.setSocketTimeout(Timeout.DISABLED); // the body: no time limit
            return new Answer(origin, connection, request, response, context);
        } catch (HttpException e) {
            connection.close();
            throw new IOException("upstream answered something that is not HTTP/1.1: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private UpstreamConnection connect(Origin origin) throws IOException {
        InetAddress address = InetAddress.getByName(origin.address());
        Socket socket = SocketChannel.open().socket();
        try {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(address, origin.port()), connectMillis);
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeout(origin.poolKey(), connectTimeout);
            }
            DefaultBHttpClientConnection http = new DefaultBHttpClientConnection(Http1Config.DEFAULT);
            if (!origin.tls()) {
                http.bind(socket);
                return new UpstreamConnection(http, socket, socket.getChannel());
            }
            SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, origin.address(), origin.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(connectMillis);
            try {
                tls.startHandshake();
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeout(origin.poolKey(), connectTimeout);
            }
            http.bind(tls, socket);
            return new UpstreamConnection(http, tls, socket.getChannel());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** No connection (or TLS session) within {@code capa.proxy.connect-timeout}: nothing was sent. */
    static final class ConnectTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectTimeout(String origin, Duration timeout) {
            super("no connection to " + origin + " within " + timeout);
        }
    }

    /** HttpCore will not send the request as the client gave it (nothing was sent, no connection used). */
    static final class RequestRefused extends Exception {
        private static final long serialVersionUID = 1L;

        RequestRefused(String message, HttpException cause) {
            super(message, cause);
        }
    }

    /** The upstream's status and headers, its body still to read on the connection. */
    final class Answer implements AutoCloseable {
        final ClassicHttpResponse response;
        private final Origin origin;
        private final UpstreamConnection connection;
        private final ClassicHttpRequest request;
        private final HttpCoreContext context;
        private boolean complete;
        private boolean aborted;

        Answer(Origin origin, UpstreamConnection connection, ClassicHttpRequest request, ClassicHttpResponse response,
                HttpCoreContext context) {
            this.origin = origin;
            this.connection = connection;
            this.request = request;
            this.response = response;
            this.context = context;
        }

        /** The body was read to its end (or there is none): the connection may carry another request. */
        void complete() {
            complete = true;
        }

        /** A time limit on each wait for more of the body (none by default: event streams may be quiet for long). */
        void bodyTimeout(Timeout timeout) {
            connection.http.setSocketTimeout(timeout);
        }

        /** Drops the connection, so that closing the answer never reads the rest of its body. */
        void abort() {
            aborted = true;
            connection.close();
        }

        @Override
        public void close() {
            if (aborted) {
                return;
            }
            boolean reuse;
            try {
                reuse = (complete || response.getEntity() == null) && executor.keepAlive(request, response, connection.http, context);
            } catch (IOException e) {
                reuse = false;
            }
            if (reuse) {
                pool.release(origin.poolKey(), connection);
            } else {
                connection.close();
            }
        }
    }
}
