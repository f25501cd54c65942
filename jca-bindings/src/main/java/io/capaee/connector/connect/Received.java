// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

/** A message taken from a source, with what acknowledges it (sink accepted) or releases it (not delivered). */
record Received(Envelope envelope, Acknowledgement acknowledgement) {

    /** How the source learns the outcome. Both are called from the connector's work thread only. */
    interface Acknowledgement {
        void ack() throws Exception;

        void release();

        /** The message is still being worked on (retries): sources with an ack deadline extend it. */
        default void inProgress() {
        }
    }

    /** For sources that cannot redeliver (NATS core, HTTP polling): nothing to tell them. */
    static final Acknowledgement NONE = new Acknowledgement() {
        @Override
        public void ack() {
        }

        @Override
        public void release() {
        }
    };
}
