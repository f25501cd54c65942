// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

/** A named broker, bound in JNDI as {@code eis/capa/pubsub/NAME}. Thread-safe. */
public interface PubSubConnectionFactory {
    PubSubConnection getConnection();

    /** What the broker runs on, e.g. {@code memory} or {@code redis 127.0.0.1:6379/0}; never a secret. */
    String describe();
}
