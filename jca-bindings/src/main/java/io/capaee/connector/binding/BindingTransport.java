// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.connector.outbound.SharedBackend;
import java.util.Set;

/**
 * Talks to one external system for one output binding. Thread-safe: one instance serves every
 * connection of its factory. Created on first use, owned (and closed) by the resource adapter.
 */
public interface BindingTransport extends SharedBackend {

    /** Runs one operation; throws {@code OutputBindingException}. */
    BindingResponse invoke(BindingRequest request);

    Set<String> operations();

    /** Checks that the system answers; throws {@code OutputBindingException} (UNAVAILABLE) when not. */
    default void check() {
    }

    /** What this talks to, for messages; no secrets. */
    String describe();

    @Override
    void close();
}
