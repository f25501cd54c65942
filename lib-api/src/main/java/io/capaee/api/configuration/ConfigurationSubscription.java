// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

/** A running subscription; closing it stops the notifications and frees its thread and socket. */
public interface ConfigurationSubscription extends AutoCloseable {
    /** A unique id, Dapr's subscription id. */
    String id();

    @Override
    void close();
}
