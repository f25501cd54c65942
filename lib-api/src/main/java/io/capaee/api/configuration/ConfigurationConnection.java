// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

/** A handle on a configuration store; one per unit of work, closed after it (subscriptions outlive it). */
public interface ConfigurationConnection extends ConfigurationStore, AutoCloseable {
    @Override
    void close();
}
