// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.io.CloseMode;

/** One keep-alive HTTP/1.1 connection to an upstream, with what its pool needs to know about it. */
final class UpstreamConnection {
    final DefaultBHttpClientConnection http;
    private final Socket socket;
    private final SocketChannel channel;
    private long idleSince;

    /**
     * @param socket what {@code http} is bound to: the plain socket, or the TLS socket layered on it
     * @param channel the plain socket's channel, underneath any TLS
     */
    UpstreamConnection(DefaultBHttpClientConnection http, Socket socket, SocketChannel channel) {
        this.http = http;
        this.socket = socket;
        this.channel = Objects.requireNonNull(channel, "channel");
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
     * asked for): it must not carry a request. A non-blocking one-byte read on the plain channel,
     * which costs no waiting.
     *
     * <p>TLS gets the same read, on the channel beneath it (an {@code SSLSocket} itself can only
     * block). That is safe because any byte there (a close_notify alert, or anything else sent to
     * an idle HTTP/1.1 connection) condemns the connection: the byte taken from under the TLS layer
     * goes with it. No byte: nothing was consumed. What this misses, as for plain connections, is
     * what already sits in a buffer above the socket. A harmless TLS record sent while idle (a late
     * session ticket, a key update) costs one new connection, never a request. It replaces Apache's
     * {@code isStale()} after 2 s idle, which blocked for 1 ms and left a connection the upstream
     * closed within those 2 s to fail its request.
     */
    boolean closedByPeer() {
        if (!http.isOpen() || socket.isClosed()) {
            return true;
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
