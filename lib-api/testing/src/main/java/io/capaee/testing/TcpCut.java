// SPDX-License-Identifier: Apache-2.0
package io.capaee.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a loopback port of its own to a real server, that a test can {@linkplain #cut}
 * (every connection through it is dropped and new ones are refused, as when the server's host goes
 * away) and {@linkplain #restore} on the same port. For servers that take too long to start to be
 * stopped and started in a unit test (RabbitMQ's Erlang node boots in tens of seconds here): the
 * server, and what it stored, stays; the clients see the outage exactly as a dead server.
 */
public final class TcpCut implements AutoCloseable {
    private final int port;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile Thread acceptor;

    public TcpCut(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        listen(first);
    }

    public int port() {
        return port;
    }

    /**
     * Drops every connection and refuses new ones. Returns once the accepting thread has ended: a connection it
     * accepted just before is then in {@code open} and closed too, and the port takes no more.
     */
    public void cut() throws IOException {
        listener.close();
        Thread accepting = acceptor;
        if (accepting != null) {
            try {
                accepting.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Takes connections again, on the same port. */
    public void restore() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listen(again);
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        acceptor = daemon("tcp-cut-" + port, () -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket();
                    server.connect(target, 2000);
                    open.add(client);
                    open.add(server);
                    daemon("tcp-cut-up-" + port, () -> pump(client, server));
                    daemon("tcp-cut-down-" + port, () -> pump(server, client));
                } catch (IOException e) {
                    // closed by cut(), or the target refused: the client sees its connection end
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side went: both are closed
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
