// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import java.util.Map;
import java.util.Objects;

/**
 * One webhook request whose signature was checked, waiting for the webhook input binding.
 *
 * @param webhook the webhook's name
 * @param id this server's id of the event (also its metadata {@code webhook-id})
 * @param body the request body, as received
 * @param metadata what goes with it: {@code webhook}, {@code webhook-id} and the forwarded headers
 * @param target the webhook's own target, or empty for the input binding's
 */
public record WebhookEvent(String webhook, String id, byte[] body, Map<String, String> metadata, String target) {
    public WebhookEvent {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(id, "id");
        body = body == null ? new byte[0] : body;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        target = target == null ? "" : target;
    }
}
