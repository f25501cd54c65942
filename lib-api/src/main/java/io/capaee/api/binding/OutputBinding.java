// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

import java.util.Map;
import java.util.Set;

/**
 * A connection to one output binding. Obtain it from an {@link OutputBindingFactory}, use it for
 * a unit of work, close it (try-with-resources). Thread-safe, though one per unit of work is the
 * intended use.
 */
public interface OutputBinding extends AutoCloseable {

    /**
     * Runs one operation.
     *
     * @throws OutputBindingException with {@link OutputBindingException.Reason#BAD_REQUEST} for an
     *     unknown operation or missing metadata, {@code UNAVAILABLE} when the system cannot be
     *     reached, {@code FAILED} when it refused the operation
     */
    BindingResponse invoke(BindingRequest request);

    /** Shorthand for {@link #invoke(BindingRequest)}. */
    default BindingResponse invoke(String operation, byte[] data, Map<String, String> metadata) {
        return invoke(new BindingRequest(operation, data, metadata));
    }

    /**
     * Checks that the system answers (Kafka: the cluster; NATS: the connection; Redis: PING); for
     * health checks. Bindings without a generic check (HTTP, memory) return at once.
     *
     * @throws OutputBindingException with {@code UNAVAILABLE} when it does not
     */
    default void check() {
    }

    /** The operations this binding supports, e.g. {@code create}, {@code get}. */
    Set<String> operations();

    /** Gives the connection back to the container. Idempotent. */
    @Override
    void close();
}
