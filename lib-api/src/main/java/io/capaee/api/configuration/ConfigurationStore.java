// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** A configuration store. Thread-safe; failures are {@link ConfigurationException}s. */
public interface ConfigurationStore {
    /** The items of {@code keys} that exist; every item of the store when {@code keys} is empty. */
    Map<String, ConfigurationItem> get(List<String> keys);

    /**
     * Subscribes to changes of {@code keys} (every key when empty). The subscription's wait for
     * changes runs as one long task on {@code executor} (a container-managed executor in a server),
     * which also calls {@code listener}; changes made after this method returns are reported. The
     * subscription lives until it is closed, independently of any connection handle.
     */
    ConfigurationSubscription subscribe(List<String> keys, ConfigurationListener listener, Executor executor);

    /** Dapr's component type, e.g. {@code configuration.redis}. */
    String type();
}
