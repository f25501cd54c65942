// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.shutdown;

import io.capaee.proxy.dapr.DaprException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dapr's shutdown, for the HTTP and the gRPC API alike. In Dapr it stops the application's own sidecar; here the
 * "sidecar" is a Liberty server that may run other applications, so it is refused (403
 * {@code ERR_SHUTDOWN_DISABLED}, naming the setting) unless {@code capa.dapr.shutdown.enabled=true}. Allowed, the
 * call is answered first and the server stops a moment later, once (further calls answer the same and change
 * nothing), as Dapr answers 204 and then stops.
 *
 * <p>How the server stops: {@code System.exit(0)} on a thread of its own. An application has no API to stop its
 * Liberty server: Liberty's MBeans control endpoints (ServerEndpointControl pauses and resumes them) but offer no
 * stop, the OSGi framework is not visible to applications, and the {@code server stop} command talks to a port
 * that only the server's own tools know. Liberty treats an exit as a stop request: it logs CWWKE0084I (naming
 * the thread that called exit), quiesces for up to 30 seconds (CWWKE1100I) as {@code server stop} does, stops the
 * applications (their {@code @PreDestroy} run, this one's gRPC port closed; CWWKZ0009I) and then itself
 * (CWWKE0036I); ShutdownIT checks those messages on a server of its own. The thread is a plain daemon thread, not
 * a container thread: {@code System.exit} blocks its caller until the stop is done, and the stop waits for the
 * container's threads to finish, so a container thread would hold it up.
 */
@ApplicationScoped
public class ServerShutdown {
    static final String SETTING = "capa.dapr.shutdown.enabled";
    /** How long the answer has to reach the caller before the server starts stopping. */
    static final long ANSWER_MILLIS = 500;
    private static final Logger LOG = Logger.getLogger(ServerShutdown.class.getName());

    @Inject
    @ConfigProperty(name = SETTING)
    boolean enabled;

    private final Runnable stop;
    private final AtomicBoolean requested = new AtomicBoolean();

    ServerShutdown() {
        this.stop = ServerShutdown::exitSoon;
    }

    /** Outside CDI (tests): {@code stop} in place of stopping the JVM. */
    public ServerShutdown(boolean enabled, Runnable stop) {
        this.enabled = enabled;
        this.stop = stop;
    }

    /** Stops the server soon, {@code via} naming the call for the log; or refuses when not allowed. */
    public void request(String via) {
        if (!enabled) {
            throw new DaprException(403, "ERR_SHUTDOWN_DISABLED", "shutting down is not allowed on this server: it stops the"
                    + " whole application server, with every application on it; an operator allows it with " + SETTING + "=true");
        }
        if (requested.compareAndSet(false, true)) {
            LOG.warning(() -> "Liberty server stopping: Dapr shutdown called (" + via + ", " + SETTING + "=true)");
            stop.run();
        }
    }

    private static void exitSoon() {
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(ANSWER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        }, "capa-dapr-shutdown");
        exit.setDaemon(true);
        exit.start();
    }
}
