// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

/** Where a connector writes to; used by its work's thread only. */
interface ConnectorSink extends AutoCloseable {
    /** Returns once the system accepted the message; throws when it did not. */
    void send(Envelope message) throws Exception;

    @Override
    void close() throws Exception;
}
