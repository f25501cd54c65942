// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.connector.inbound.EndpointLoop;

/**
 * A subscription in turns on the adapter's work manager, as the activation specs and connectors
 * run: a thread is held only while a message is delivered; a retry's pause is the loop's own pause
 * between turns, kept by the adapter's timer.
 */
final class SubscriptionLoop extends EndpointLoop {
    private final SubscriptionTurns turns;

    /** @param turns opened already ({@link SubscriptionTurns#openReady}): closed by the loop from now on */
    SubscriptionLoop(SubscriptionTurns turns) {
        super(true);
        this.turns = turns;
        up();
    }

    /** Again after a failure. */
    @Override
    protected void open() throws Exception {
        turns.open();
        up();
    }

    @Override
    protected long turn() throws Exception {
        readLag(turns::lag);
        long next = turns.turn(TURN_WAIT, this::stopping);
        return next == SubscriptionTurns.IDLE ? IDLE : next;
    }

    @Override
    protected void close() {
        turns.close();
    }

    @Override
    public String describe() {
        return turns.describe();
    }
}
