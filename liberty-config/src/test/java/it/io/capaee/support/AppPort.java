// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * The app the test server calls ({@code capa.app.url}, port {@code it.app.port}), held by one class at a time
 * ({@link SharedResources#APP_PORT}). The JDK's {@code HttpServer.stop} can return before its listening socket is
 * closed, so the class that takes the port next may find it still bound for a moment: it tries again, a few
 * seconds at most.
 */
public final class AppPort {
    private AppPort() {}

    /** A server on the app's port, not started yet. */
    public static HttpServer server() throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.getInteger("it.app.port"));
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return HttpServer.create(address, 0);
            } catch (BindException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
