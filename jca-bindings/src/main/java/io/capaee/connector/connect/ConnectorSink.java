// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import java.util.ArrayList;
import java.util.List;

/** Where a connector writes to; used by its work's thread only. */
interface ConnectorSink extends AutoCloseable {
    /** Returns once the system accepted the message; throws when it did not. */
    void send(Envelope message) throws Exception;

    /**
     * Sends {@code messages} in order and returns once the system answered for each one sent: one
     * entry per message sent, null when it was accepted, else why not. Fewer entries than messages:
     * the rest were not sent (a sink that sends one at a time stops at the first refusal, so that
     * nothing overtakes it). Sinks that can have a batch in flight at once override this.
     */
    default List<Exception> sendAll(List<Envelope> messages) throws InterruptedException {
        List<Exception> results = new ArrayList<>(messages.size());
        for (Envelope message : messages) {
            try {
                send(message);
                results.add(null);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                results.add(e);
                break;
            }
        }
        return results;
    }

    @Override
    void close() throws Exception;
}
