// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.connector.inbound.DeliveryOutcome;

/** Where a connector puts the messages its sink kept refusing; used by its work's thread only. */
interface DeadLetters extends AutoCloseable {
    /** Returns once the dead letter is written; throws when it is not (the message is then not acknowledged). */
    void send(Envelope message, DeliveryOutcome outcome) throws Exception;

    @Override
    void close() throws Exception;

    /** For connectors without dead letters: their sink is retried until it takes the message. */
    DeadLetters NONE = new DeadLetters() {
        @Override
        public void send(Envelope message, DeliveryOutcome outcome) {
            throw new IllegalStateException("this connector has no dead-letter subject");
        }

        @Override
        public void close() {
        }
    };
}
