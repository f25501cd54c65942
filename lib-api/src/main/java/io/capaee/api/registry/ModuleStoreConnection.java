// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

/**
 * A handle on the module store from its {@link ModuleStoreConnectionFactory}; close it after the
 * unit of work. A stream from {@link #open} stays readable after the handle is closed.
 */
public interface ModuleStoreConnection extends ModuleStore, AutoCloseable {
    @Override
    void close();
}
