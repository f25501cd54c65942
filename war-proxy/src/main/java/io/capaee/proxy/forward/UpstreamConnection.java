// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.io.CloseMode;

/** One keep-alive HTTP/1.1 connection to an upstream, with what its pool needs to know about it. */
final class UpstreamConnection {
    /** TLS sockets cannot be peeked without blocking: Apache's 1 ms stale check after this long idle. */
    private static final long TLS_CHECK_AFTER_NANOS = Duration.ofSeconds(2).toNanos();

    final DefaultBHttpClientConnection http;
    private final Socket socket;
    private final boolean tls;
    private long idleSince;

    UpstreamConnection(DefaultBHttpClientConnection http, Socket socket, boolean tls) {
        this.http = http;
        this.socket = socket;
        this.tls = tls;
    }

    /** When it was last put back in the pool ({@link System#nanoTime}). */
    long idleSince() {
        return idleSince;
    }

    void idle(long now) {
        idleSince = now;
    }

    /**
     * True when the upstream closed this pooled connection while it was idle (or sent bytes nobody
     * asked for): it must not carry a request. Plain sockets come from {@link SocketChannel}s and
     * get a non-blocking one-byte read, which costs no waiting.
     */
    boolean closedByPeer(long now) {
        if (!http.isOpen() || socket.isClosed()) {
            return true;
        }
        SocketChannel channel = socket.getChannel();
        if (channel == null || tls) {
            try {
                return now - idleSince > TLS_CHECK_AFTER_NANOS && http.isStale();
            } catch (IOException e) {
                return true;
            }
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

    void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
