// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.time.Duration;

/**
 * What one caller may make the actor runtime hold or do (server.xml variables {@code capa.actors.*}):
 * without them a period of a nanosecond, or an endless stream of new actor ids or large queued calls,
 * would take every turn thread or the heap.
 *
 * @param minTimerPeriod the shortest period of a timer or reminder ({@code capa.actors.min-timer-period});
 *     zero allows any
 * @param maxTimersPerActor timers and reminders of one actor, counted together ({@code capa.actors.max-timers-per-actor})
 * @param maxTimers timers of every active actor and reminders of every actor, counted together ({@code capa.actors.max-timers})
 * @param maxActive active actors of every type ({@code capa.actors.max-active})
 * @param maxQueuedBytesPerActor bytes of the bodies of the calls waiting for one actor's turn
 *     ({@code capa.actors.max-queued-bytes-per-actor})
 * @param maxQueuedBytes bytes of the bodies of every waiting call ({@code capa.actors.max-queued-bytes})
 */
public record ActorLimits(Duration minTimerPeriod, int maxTimersPerActor, int maxTimers, int maxActive, long maxQueuedBytesPerActor,
                          long maxQueuedBytes) {
    public static final Duration DEFAULT_MIN_TIMER_PERIOD = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_TIMERS_PER_ACTOR = 100;
    public static final int DEFAULT_MAX_TIMERS = 10_000;
    public static final int DEFAULT_MAX_ACTIVE = 100_000;
    public static final long DEFAULT_MAX_QUEUED_BYTES_PER_ACTOR = 16L << 20;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;

    public ActorLimits {
        if (minTimerPeriod == null || minTimerPeriod.isNegative()) {
            throw new IllegalArgumentException("capa.actors.min-timer-period must be zero or positive, not " + minTimerPeriod);
        }
        atLeastOne("capa.actors.max-timers-per-actor", maxTimersPerActor);
        atLeastOne("capa.actors.max-timers", maxTimers);
        atLeastOne("capa.actors.max-active", maxActive);
        atLeastOne("capa.actors.max-queued-bytes-per-actor", maxQueuedBytesPerActor);
        atLeastOne("capa.actors.max-queued-bytes", maxQueuedBytes);
    }

    public static ActorLimits defaults() {
        return new ActorLimits(DEFAULT_MIN_TIMER_PERIOD, DEFAULT_MAX_TIMERS_PER_ACTOR, DEFAULT_MAX_TIMERS, DEFAULT_MAX_ACTIVE,
                DEFAULT_MAX_QUEUED_BYTES_PER_ACTOR, DEFAULT_MAX_QUEUED_BYTES);
    }

    private static void atLeastOne(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }
}
