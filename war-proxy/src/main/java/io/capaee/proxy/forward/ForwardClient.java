// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.proxy.service.ProxyConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one upstream HTTP client of the proxy, plus the round-robin and health state.
 *
 * <p>Apache HttpClient 5 <em>classic</em> (blocking): each request is forwarded on the container
 * thread that received it, through a pool of keep-alive connections (LIFO reuse, 256 in all, 128
 * per upstream), HTTP/1.1, no automatic retries (the {@link Exchange} decides), no redirects, no
 * cookies, no content decompression, no authentication cache.
 *
 * <p>Why not the JDK's {@code java.net.http.HttpClient}, which this replaced: it is asynchronous,
 * so every request crossed threads several times (container thread, the client's selector thread,
 * its executor, back to the container through {@code AsyncContext}), and under load its single
 * selector thread was the bottleneck: {@code bench/proxy.sh} measured 3.3k requests/s against
 * 56k for nginx {@code proxy_pass} (ratio 0.06). A blocking client on the container thread does
 * one write and one read per request on an already-open socket, and the container's thread pool
 * scales it. Measured with {@code bench/proxy.sh} (2 shared cores, wrk, nginx and Liberty on the
 * same machine, 30 s warm-up, 20 s runs; noisy): JDK client 1.6k requests/s (ratio 0.04 to nginx
 * {@code proxy_pass}), this client 3.8k-5.0k (0.07-0.12), and up to 9.2k in a quieter ad hoc run,
 * where a 404 answered by the same servlet without any forwarding reached 11.2k: forwarding now
 * costs little next to Liberty's own request handling on this machine.
 *
 * <p>Stale connections: the JDK client watched idle pooled connections on its selector and dropped
 * those the upstream had closed. A blocking pool cannot; Apache's own check ({@code isStale}) waits
 * 1 ms for a read on every checked connection. So plain (non-TLS) sockets are made from
 * {@link SocketChannel}s, and before each request the connection gets a non-blocking one-byte read:
 * end of stream (or unsolicited bytes) means the upstream closed it, and {@link StaleConnection} is
 * thrown before anything was sent, so the exchange tries again on a fresh connection, reading
 * nothing of the client's body. TLS connections fall back to Apache's check after 2 s idle.
 *
 * <p>Timeouts: {@code proxy.connect-timeout} for connecting, {@code proxy.response-timeout} until
 * the response's status and headers have arrived; a body is then streamed without a time limit
 * (event streams may be quiet for long), as the JDK client did.
 */
@ApplicationScoped
public class ForwardClient {
    static final int MAX_TOTAL = 256;
    static final int MAX_PER_ROUTE = 128;

    @Inject
    ProxyConfig config;

    private CloseableHttpClient client;
    private Upstreams upstreams;

    @PostConstruct
    void start() {
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout response = Timeout.of(config.responseTimeout());
        SSLContext ssl;
        try {
            ssl = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSL context", e);
        }
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(
                new DefaultHttpClientConnectionOperator(proxy -> SocketChannel.open().socket(),
                        DefaultSchemePortResolver.INSTANCE, SystemDefaultDnsResolver.INSTANCE,
                        RegistryBuilder.<TlsSocketStrategy>create()
                                .register(URIScheme.HTTPS.id, new DefaultClientTlsStrategy(ssl)).build()),
                PoolConcurrencyPolicy.LAX, PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND, null);
        pool.setMaxTotal(MAX_TOTAL);
        pool.setDefaultMaxPerRoute(MAX_PER_ROUTE);
        pool.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(response).build());
        pool.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(response)
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build());
        client = HttpClients.custom()
                .setConnectionManager(pool)
                .setRequestExecutor(new Executor(response))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(response)
                        .setConnectionRequestTimeout(response) // waiting for a pooled connection
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .build();
        upstreams = new Upstreams(config.unhealthyFor(), System::nanoTime);
    }

    @PreDestroy
    void stop() {
        client.close(CloseMode.IMMEDIATE);
    }

    CloseableHttpClient client() {
        return client;
    }

    Upstreams upstreams() {
        return upstreams;
    }

    Duration responseTimeout() {
        return config.responseTimeout();
    }

    /** A pooled connection the upstream has closed; thrown before anything of the request was sent. */
    static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection() {
            super("pooled connection closed by the upstream", null);
        }
    }

    /**
     * Apache's request executor with the stale check in front and the response timeout applied to
     * the status and headers only.
     */
    static final class Executor extends HttpRequestExecutor {
        private final Timeout responseTimeout;

        Executor(Timeout responseTimeout) {
            this.responseTimeout = responseTimeout;
        }

        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection conn,
                HttpResponseInformationCallback informationCallback, HttpContext context) throws IOException, HttpException {
            if (conn instanceof ManagedHttpClientConnection managed && closedByPeer(managed.getSocket())) {
                throw new StaleConnection();
            }
            conn.setSocketTimeout(responseTimeout);
            ClassicHttpResponse response = super.execute(request, conn, informationCallback, context);
            conn.setSocketTimeout(Timeout.DISABLED); // the body: no time limit
            return response;
        }

        /** Non-blocking: true when the peer closed the connection or sent bytes nobody asked for. */
        static boolean closedByPeer(Socket socket) {
            if (socket == null) {
                return false;
            }
            if (socket.isClosed()) {
                return true;
            }
            SocketChannel channel = socket.getChannel();
            if (channel == null) {
                return false; // TLS: Apache's own check after inactivity
            }
            try {
                synchronized (channel.blockingLock()) {
                    channel.configureBlocking(false);
                    try {
                        return channel.read(ByteBuffer.allocate(1)) != 0;
                    } finally {
                        channel.configureBlocking(true);
                    }
                }
            } catch (IOException e) {
                return true;
            }
        }
    }
}
