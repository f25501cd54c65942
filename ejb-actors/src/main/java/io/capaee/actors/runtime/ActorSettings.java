// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.time.Duration;

/**
 * Runtime tuning (server.xml variables {@code capa.actors.*}).
 *
 * @param idleTimeout default idle time before deactivation (per type overridable)
 * @param scanInterval how often idle actors are looked for
 * @param callTimeout how long a call waits for its turn before failing (breaks deadlocks)
 * @param reentrancy whether an actor may be called again from inside its own turn
 * @param maxStackDepth how deep such reentrant calls may nest
 * @param keyPrefix the prefix of every key the runtime writes to the key/value store
 * @param maxQueuedCalls how many calls may wait for one actor's turn; more are refused at once
 *     (waiting calls hold no thread, so nothing else would bound them)
 * @param limits the quotas of timers, activations and queued bytes
 * @param callerTurns how many turns may run at once on their callers' own threads (a request thread calling an
 *     idle actor, {@link io.capaee.api.actors.ActorRuntime#invokeOnCaller}); further calls are handed to the turn
 *     threads. Bounded because a long turn holds its caller's thread, and the server's request threads grow slowly
 */
public record ActorSettings(Duration idleTimeout, Duration scanInterval, Duration callTimeout, boolean reentrancy,
                            int maxStackDepth, String keyPrefix, int maxQueuedCalls, ActorLimits limits, int callerTurns) {
    public static final int DEFAULT_MAX_QUEUED_CALLS = 10_000;
    public static final int DEFAULT_CALLER_TURNS = 4;

    public ActorSettings {
        if (limits == null) {
            throw new IllegalArgumentException("the actor limits are missing");
        }
        if (callerTurns < 0) {
            throw new IllegalArgumentException("capa.actors.caller-turns must be 0 or more, not " + callerTurns);
        }
    }

    public ActorSettings(Duration idleTimeout, Duration scanInterval, Duration callTimeout, boolean reentrancy,
            int maxStackDepth, String keyPrefix, int maxQueuedCalls, ActorLimits limits) {
        this(idleTimeout, scanInterval, callTimeout, reentrancy, maxStackDepth, keyPrefix, maxQueuedCalls, limits, DEFAULT_CALLER_TURNS);
    }

    public ActorSettings(Duration idleTimeout, Duration scanInterval, Duration callTimeout, boolean reentrancy,
            int maxStackDepth, String keyPrefix, int maxQueuedCalls) {
        this(idleTimeout, scanInterval, callTimeout, reentrancy, maxStackDepth, keyPrefix, maxQueuedCalls, ActorLimits.defaults());
    }

    public ActorSettings(Duration idleTimeout, Duration scanInterval, Duration callTimeout, boolean reentrancy,
            int maxStackDepth, String keyPrefix) {
        this(idleTimeout, scanInterval, callTimeout, reentrancy, maxStackDepth, keyPrefix, DEFAULT_MAX_QUEUED_CALLS);
    }

    public ActorSettings withLimits(ActorLimits other) {
        return new ActorSettings(idleTimeout, scanInterval, callTimeout, reentrancy, maxStackDepth, keyPrefix, maxQueuedCalls, other, callerTurns);
    }

    public ActorSettings withCallerTurns(int turns) {
        return new ActorSettings(idleTimeout, scanInterval, callTimeout, reentrancy, maxStackDepth, keyPrefix, maxQueuedCalls, limits, turns);
    }

    /**
     * {@code capa.actors.caller-turns} as configured, or for {@code -1} half of the request threads the
     * server keeps ({@code executorCoreThreads}, where {@code -1} is Liberty's baseline of two per
     * hardware thread): so many long turns, each holding its request thread, still leave the other half
     * to take further calls to the turn threads. The same number as all of them (4 of 4 on two cores)
     * held every request thread through 2 s turns, and a hundred such calls then ran a few at a time
     * while Liberty added threads.
     */
    public static int callerTurns(int configured, int executorCoreThreads, int processors) {
        if (configured >= 0) {
            return configured;
        }
        if (configured != -1) {
            throw new IllegalArgumentException("capa.actors.caller-turns must be -1 (half the request threads) or 0 or more, not " + configured);
        }
        return (executorCoreThreads > 0 ? executorCoreThreads : 2 * processors) / 2;
    }

    public static ActorSettings defaults() {
        return new ActorSettings(Duration.ofMinutes(60), Duration.ofSeconds(30), Duration.ofSeconds(60), false, 32, "capa:actors:");
    }
}
