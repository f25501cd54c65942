// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Base of the endpoints: the stop flag, the "stopped" latch, and a run loop that reopens the
 * source after an unexpected failure (with a pause) instead of ending the work. It tells the
 * work manager that it runs for the endpoint's whole life (JCA's long-running hint), so that it
 * is not counted as a stuck request thread.
 */
public abstract class EndpointLoop implements InboundEndpoint, WorkContextProvider {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EndpointLoop.class.getName());
    private static final long REOPEN_PAUSE_MILLIS = 1000;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Thread worker;
    private volatile String problem = "not connected yet"; // null: up

    @Override
    public final Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The source is connected and being read. */
    protected final void up() {
        problem = null;
    }

    /** The source cannot be read now, and why (it is retried). */
    protected final void down(String why) {
        problem = why;
    }

    /**
     * What the unauthenticated health endpoint may show of a failure: its type and message with any
     * {@code user:password@} of a URL masked (clients put their connection URL in messages).
     */
    static String publicReason(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("://[^/@\\s]+@", "://***@");
        return e.getClass().getSimpleName() + message;
    }

    /** {@link #up()} when empty, else {@link #down}. */
    protected final void report(Optional<String> why) {
        problem = why.orElse(null);
    }

    @Override
    public List<WorkContext> getWorkContexts() {
        HintsContext hints = new HintsContext();
        hints.setName(describe());
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        hints.setHint(HintsContext.NAME_HINT, describe());
        return List.of(hints);
    }

    /** Opens the source and receives until {@link #stopping()}; closes the source before returning. */
    protected abstract void receive() throws Exception;

    /** Wakes up a blocked receive (optional). */
    protected void wakeUp() {
    }

    protected final boolean stopping() {
        return stopping;
    }

    @Override
    public final void run() {
        worker = Thread.currentThread();
        try {
            while (!stopping) {
                try {
                    receive();
                } catch (Exception e) {
                    if (stopping) {
                        break;
                    }
                    down(publicReason(e));
                    LOG.log(Level.WARNING, describe() + " failed; reopening in " + REOPEN_PAUSE_MILLIS + " ms", e);
                    sleepQuietly();
                }
            }
        } finally {
            worker = null;
            problem = "stopped";
            stopped.countDown();
        }
    }

    @Override
    public final void release() {
        stopping = true;
        wakeUp();
    }

    @Override
    public final boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(REOPEN_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** For diagnostics: the thread running the loop, or null. */
    protected final Thread worker() {
        return worker;
    }
}
