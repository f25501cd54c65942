// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;

/** The container's side of the bootstrap in a unit test: a work manager and a daemon timer. */
public record TestBootstrapContext(WorkManager work) implements BootstrapContext {
    @Override
    public WorkManager getWorkManager() {
        return work;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer("test-adapter", true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> context) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }
}
