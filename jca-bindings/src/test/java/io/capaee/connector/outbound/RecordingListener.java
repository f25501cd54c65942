// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A container stand-in that records every connection event it is told about. */
final class RecordingListener implements ConnectionEventListener {
    final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void connectionClosed(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {
        events.add(event);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event);
    }
}
