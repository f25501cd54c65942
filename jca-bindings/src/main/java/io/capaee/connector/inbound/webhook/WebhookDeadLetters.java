// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import java.util.Map;

/** Where the webhook input binding puts an event it could not deliver. */
@FunctionalInterface
public interface WebhookDeadLetters {

    /**
     * Writes one dead letter; returns normally only once it is kept.
     *
     * @param headers {@code capa-dead-letter-reason}, {@code capa-attempts} and {@code capa-original-webhook}
     */
    void write(WebhookEvent event, Map<String, String> headers) throws Exception;

    /** Dead letters that cannot be written: the event is logged (its id, never its body) and dropped. */
    WebhookDeadLetters NONE = (event, headers) -> {
        throw new IllegalStateException("no deadLetterBinding is configured");
    };
}
