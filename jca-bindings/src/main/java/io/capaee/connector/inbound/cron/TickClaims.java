// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import java.time.ZonedDateTime;

/**
 * Which server delivers a tick when several run the same cron binding. A server claims a tick before it
 * delivers it, holds the claim as a lease while it delivers (retries included), and marks the tick done
 * after; a tick whose claimant stopped renewing the lease (it died) is free again, and a server watching
 * it takes it over. So a tick is delivered at least once while one server of the group runs, and once
 * unless its claimant dies between delivering it and marking it done.
 */
interface TickClaims extends AutoCloseable {

    /** Where a tick another server claimed stands. */
    enum State {
        /** delivered, or out of attempts: nothing more to do */
        DONE,
        /** its claimant holds the lease: it is delivering */
        HELD,
        /** claimed, and the lease lapsed before it was done: to be taken over */
        FREE
    }

    /** One server alone: every tick is its own. */
    TickClaims ALONE = new TickClaims() {
        @Override
        public boolean claim(ZonedDateTime due) {
            return true;
        }

        @Override
        public State state(ZonedDateTime due) {
            return State.DONE;
        }
    };

    /** True when this server is to deliver the tick due at {@code due}; false when another server claimed it. */
    boolean claim(ZonedDateTime due);

    /** Where the tick due at {@code due}, claimed by another server, stands. */
    State state(ZonedDateTime due);

    /** Whether ticks are shared with other servers: then every server must compute the same due times. */
    default boolean shared() {
        return false;
    }

    /** Extends the lease of a claimed tick still being delivered. */
    default void keep(ZonedDateTime due) {
    }

    /** The claimed tick was delivered, or is out of attempts: no server delivers it again. */
    default void done(ZonedDateTime due) {
    }

    /** The claimed tick was not delivered (this server stops): another server may take it at once. */
    default void release(ZonedDateTime due) {
    }

    @Override
    default void close() {
    }
}
