// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.webhook;

import java.util.Map;

/**
 * A connection to one webhook. {@link #receive} checks the request's signature (and its age, and
 * that it was not received before) and queues it for the webhook input binding, which delivers it
 * to its target with retries and dead letters; nothing is queued when a check fails.
 */
public interface Webhook extends AutoCloseable {

    /** The largest body this webhook takes, in bytes: a caller reads no more than this plus one. */
    long maxBodyBytes();

    /**
     * Checks and queues one request.
     *
     * @param name the webhook's name (as in its JNDI name), carried in the event's metadata
     * @param body the request body, exactly as received (signatures are over these bytes)
     * @param headers the request headers, names in any case, first value of each
     * @return this server's id of the queued event
     * @throws WebhookException naming the check that failed, or that nothing can take the event now
     */
    String receive(String name, byte[] body, Map<String, String> headers);

    /** Gives the connection back to the container. Idempotent. */
    @Override
    void close();
}
