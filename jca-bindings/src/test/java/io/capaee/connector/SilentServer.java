// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer that takes connections and never answers, counting them: unlike a closed port, which
 * refuses at once, a client waiting on it only stops through its own timeout, and a client that
 * should not touch the network is seen if it connects at all.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "silent-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                open.add(socket.accept()); // kept open and never written to
                accepted.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
