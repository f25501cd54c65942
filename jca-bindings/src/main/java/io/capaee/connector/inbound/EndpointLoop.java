// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Base of the endpoints and connectors: a source read in <em>turns</em>, each a short work on the
 * container's work manager, so that an endpoint holds a thread of the server's shared executor
 * only while it has something to deliver. A turn takes what the source has now (waiting at most
 * {@link #TURN_WAIT}) and delivers it; the next turn follows at once when it took something, else
 * after an idle pause that grows to {@link #MAX_IDLE_PAUSE_MILLIS} (kept by the adapter's timer,
 * not by a sleeping thread). Turns never overlap, and each starts after the previous one ended, so
 * a client that is not thread-safe (a Kafka consumer) may be used by one turn after another.
 *
 * <p>The first turn opens the source; a turn that fails closes it, reports why ({@link #problem()})
 * and the source is reopened a second later. {@link #release()} ends the endpoint: the turn in
 * progress finishes its delivery (retries see {@link #stopping()}), then the source is closed.
 */
public abstract class EndpointLoop implements InboundEndpoint {
    private static final Logger LOG = Logger.getLogger(EndpointLoop.class.getName());
    private static final long REOPEN_PAUSE_MILLIS = 1000;
    /** How long a turn may wait for the source to hand something over. */
    protected static final Duration TURN_WAIT = Duration.ofMillis(5);
    /** The longest pause of an idle endpoint between turns: the most a new message waits for it. */
    static final long MAX_IDLE_PAUSE_MILLIS = 50;
    /** How often a source with a lag has it read ({@link #readLag}): a round trip to the broker, never per message. */
    static final long LAG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** What {@link #turn()} returns when it took something: the next turn follows at once. */
    protected static final long AGAIN = 0;
    /** What {@link #turn()} returns when the source had nothing: an idle pause follows. */
    protected static final long IDLE = -1;

    private final Object lock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile String problem = "not connected yet"; // null: up
    private volatile long lag = -1; // -1: none, or not read yet
    private WorkPacer pacer; // set by start
    private TimerTask pending; // guarded by lock: the next turn, while it waits on the timer
    private boolean finished; // guarded by lock
    private int turning; // guarded by lock: turns running now (the next may start before the last has returned)
    // touched by turns only (one after another, each scheduled by the previous: ordered)
    private boolean open;
    private long idlePause;
    private long lagReadAt = System.nanoTime() - LAG_EVERY_NANOS;

    protected EndpointLoop() {
        this(false);
    }

    /** @param opened the source was opened before the first turn (by the caller): the first turn does not open it */
    protected EndpointLoop(boolean opened) {
        this.open = opened;
    }

    @Override
    public final Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public final OptionalLong lag() {
        long now = lag;
        return now < 0 ? OptionalLong.empty() : OptionalLong.of(now);
    }

    /**
     * How a source with a lag reads it (negative: it has none); may block on a round trip to the broker, bounded
     * by its client's time-out.
     */
    @FunctionalInterface
    protected interface LagReader {
        long read() throws Exception;
    }

    /**
     * Reads the source's lag when the last reading is {@link #LAG_EVERY_NANOS} old: a turn of a source that has
     * one calls this each time, and pays for the round trip every few seconds only. A failed reading leaves the
     * lag unknown until the next (the turn goes on: its own reads report the source's health).
     */
    protected final void readLag(LagReader reader) {
        long now = System.nanoTime();
        if (now - lagReadAt < LAG_EVERY_NANOS) {
            return;
        }
        lagReadAt = now;
        try {
            long read = reader.read();
            lag = read < 0 ? -1 : read;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lag = -1;
            LOG.log(Level.FINE, describe() + ": the lag could not be read", e);
        }
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

    /** Connects to the source; the first turn (and each after a failure) calls it. */
    protected abstract void open() throws Exception;

    /**
     * Takes what the source has now, waiting at most about {@link #TURN_WAIT}, and delivers it.
     *
     * @return {@link #AGAIN} when it took something, {@link #IDLE} when there was nothing, or the
     *     milliseconds until the next turn is due (a clock)
     */
    protected abstract long turn() throws Exception;

    /** Closes what {@link #open()} opened (also after a failed open or turn); must not throw. */
    protected abstract void close();

    protected final boolean stopping() {
        return stopping;
    }

    @Override
    public final void start(WorkPacer pacer) throws WorkException {
        synchronized (lock) {
            this.pacer = pacer;
        }
        pacer.now(new Turn());
    }

    @Override
    public final void release() {
        stopping = true;
        boolean cancelled;
        synchronized (lock) {
            cancelled = pending != null && pending.cancel();
            pending = null;
        }
        if (cancelled) {
            // no turn is running or will run: one more closes the source, on a work thread, so that a
            // caller stopping many endpoints closes them side by side
            try {
                pacer.now(new Turn());
            } catch (WorkException | RuntimeException e) {
                finish();
            }
        }
    }

    /**
     * Stops without the work manager, for a caller that cannot count on it to run one more work (an
     * application or the adapter stopping): unless a turn runs now, the source is closed here, on
     * the caller's thread; a turn that runs now closes it when it ends, as after {@link #release()}.
     */
    public final void stopHere() {
        stopping = true;
        boolean idle;
        synchronized (lock) {
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
            idle = turning == 0;
        }
        if (idle) {
            finish(); // a turn that starts from now on sees stopping and finds it finished
        }
    }

    @Override
    public final boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    /** One turn, as a work of the container. */
    private final class Turn implements Work, WorkContextProvider {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            synchronized (lock) {
                pending = null;
                turning++;
            }
            try {
                runTurn();
            } finally {
                synchronized (lock) {
                    turning--;
                }
            }
        }

        private void runTurn() {
            if (stopping) {
                finish();
                return;
            }
            long pause;
            try {
                if (!open) {
                    open = true; // before open(): a half-opened source is closed too
                    open();
                    if (stopping) { // stopped while connecting: no delivery to a deactivated endpoint
                        finish();
                        return;
                    }
                }
                pause = pauseAfter(turn());
            } catch (Exception | Error e) { // an Error too: an endpoint that stops turning would never say why
                if (stopping) {
                    finish();
                    return;
                }
                down(publicReason(e));
                LOG.log(Level.WARNING, describe() + " failed; reopening in " + REOPEN_PAUSE_MILLIS + " ms", e);
                closeSource();
                pause = REOPEN_PAUSE_MILLIS;
            }
            next(pause);
        }

        @Override
        public void release() {
            EndpointLoop.this.release(); // the container stops
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            HintsContext hints = new HintsContext();
            hints.setName(describe());
            hints.setHint(HintsContext.NAME_HINT, describe());
            return List.of(hints);
        }
    }

    private long pauseAfter(long result) {
        if (result != IDLE) {
            idlePause = 0;
            return Math.max(0, result);
        }
        idlePause = Math.min(MAX_IDLE_PAUSE_MILLIS, Math.max(1, idlePause * 2));
        return idlePause;
    }

    /** Schedules the next turn, unless stopping (then this turn closes the source). */
    private void next(long pause) {
        boolean finishHere = false;
        synchronized (lock) {
            if (stopping) {
                finishHere = true;
            } else {
                try {
                    if (pause == 0) {
                        try {
                            pacer.now(new Turn());
                        } catch (WorkException e) {
                            // as for a turn refused when it was due: tried again a second later
                            LOG.log(Level.WARNING, describe() + ": the work manager refused a turn; trying again in "
                                    + REOPEN_PAUSE_MILLIS + " ms", e);
                            pending = pacer.later(REOPEN_PAUSE_MILLIS, new Turn(), this::rejected);
                        }
                    } else {
                        pending = pacer.later(pause, new Turn(), this::rejected);
                    }
                } catch (RuntimeException e) {
                    // the timer is gone (the adapter stopped): nothing can run the next turn
                    LOG.log(Level.WARNING, describe() + ": the next turn cannot be scheduled; stopping", e);
                    stopping = true;
                    finishHere = true;
                }
            }
        }
        if (finishHere) {
            finish();
        }
    }

    /** On the timer's thread: the work manager refused a turn that was due. */
    private void rejected(WorkException e) {
        if (stopping) {
            finish();
            return;
        }
        // not the source's health (which the next turn reports): logged only
        LOG.log(Level.WARNING, describe() + ": the work manager refused a turn; trying again in "
                + REOPEN_PAUSE_MILLIS + " ms", e);
        next(REOPEN_PAUSE_MILLIS);
    }

    private void finish() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
        }
        try {
            closeSource();
        } finally {
            problem = "stopped";
            stopped.countDown();
        }
    }

    private void closeSource() {
        if (open) {
            open = false;
            try {
                close();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, describe() + ": closing the source failed", e);
            }
        }
    }
}
