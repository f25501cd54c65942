// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pooled connections to an https upstream: the stale check before reuse, as for plain ones. */
class TlsUpstreamTest {
    private final SSLContext tls = context();
    private final ForwardClient client = new ForwardClient(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), tls);
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch closedByUpstream = new CountDownLatch(1);
    private SSLServerSocket server;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPooledTlsConnectionTheUpstreamClosedJustNowIsNotReused() throws Exception {
        List<String> urls = List.of(startUpstream());
        assertEquals("connection 1", get("/a", urls));
        assertEquals("connection 1", get("/close", urls), "a live idle TLS connection passes the check and still works");
        assertTrue(closedByUpstream.await(5, TimeUnit.SECONDS));
        Thread.sleep(200); // the close_notify and FIN cross the loopback; well under the old 2 s blind spot

        assertEquals("connection 2", get("/b", urls), "the closed connection was dropped before the request, a new one carried it");
    }

    private String get(String path, List<String> urls) throws IOException {
        FakeServletExchange x = new FakeServletExchange("GET", Map.of(), new byte[0]);
        new Exchange(client, x.request, x.response, new Target("f", "default", urls, path, "/functions/f")).run();
        assertEquals(200, x.status(), x.body());
        return x.body();
    }

    /**
     * An https upstream answering each request with its connection's number; after {@code /close}
     * it closes the connection without saying so in the response, as an idle timeout would.
     */
    private String startUpstream() throws IOException {
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    int n = connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s, n));
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                // the server socket was closed: the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return "https://127.0.0.1:" + server.getLocalPort();
    }

    private void serve(Socket socket, int n) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String head; (head = readHead(in)) != null;) {
                byte[] body = ("connection " + n).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                if (head.startsWith("GET /close ")) {
                    socket.close();
                    closedByUpstream.countDown();
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** The request line and headers, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; (b = in.read()) >= 0;) {
            head.append((char) b);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                return head.toString();
            }
        }
        return null;
    }

    /** Server and client trust the one self-signed certificate, for 127.0.0.1 and localhost. */
    private static SSLContext context() {
        try (InputStream in = TlsUpstreamTest.class.getResourceAsStream("upstream-tls.p12")) {
            char[] password = "changeit".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("test TLS context", e);
        }
    }
}
