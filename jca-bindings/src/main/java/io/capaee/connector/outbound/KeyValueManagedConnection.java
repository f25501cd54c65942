// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.connector.KeyValueStore;

/** A logical key/value connection on the factory's shared {@link KeyValueStore}. */
public final class KeyValueManagedConnection extends ManagedConnectionBase {
    private final KeyValueStore store;

    KeyValueManagedConnection(KeyValueManagedConnectionFactory factory, KeyValueStore store) {
        super(factory);
        this.store = store;
    }

    KeyValueStore store() {
        return store;
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new KeyValueConnectionHandle();
    }

    @Override
    protected Class<? extends ConnectionHandle> handleType() {
        return KeyValueConnectionHandle.class;
    }

    @Override
    protected String describe() {
        return store.describe();
    }
}
