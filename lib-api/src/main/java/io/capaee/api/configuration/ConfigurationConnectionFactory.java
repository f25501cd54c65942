// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

/** A Redis configuration store, bound in JNDI as {@code eis/capa/configuration/NAME}. Thread-safe. */
public interface ConfigurationConnectionFactory {
    ConfigurationConnection getConnection();

    /** What the store runs on, e.g. {@code redis 127.0.0.1:6379/0}; never a secret. */
    String describe();
}
