// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookException.Reason;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where webhook requests meet the inbound side: one per resource adapter (it owns it, nothing
 * static), the webhook connection factories {@link #offer} their checked events, and the active
 * webhook endpoint (the {@code WebhookInputBinding} bean's) {@linkplain #attach attaches} to take
 * them. With no endpoint attached (the bean is disabled, or not started yet) a request is refused
 * as unavailable, so that its sender keeps it and tries again, rather than accepted and lost.
 */
public final class WebhookInbox {
    private final AtomicReference<WebhookInboundEndpoint> receiver = new AtomicReference<>();

    /** Queues {@code event} for the attached endpoint; throws UNAVAILABLE when there is none, or it is full. */
    public void offer(WebhookEvent event) {
        WebhookInboundEndpoint endpoint = receiver.get();
        if (endpoint == null) {
            throw new WebhookException(Reason.UNAVAILABLE, "no input binding takes webhooks on this server:"
                    + " enable the webhook input binding (capa.bindings.webhook-input.enabled)");
        }
        if (!endpoint.queue(event)) {
            throw new WebhookException(Reason.UNAVAILABLE, "the webhook input binding's queue is full ("
                    + endpoint.capacity() + " events); try again later");
        }
    }

    void attach(WebhookInboundEndpoint endpoint) {
        if (!receiver.compareAndSet(null, endpoint) && receiver.get() != endpoint) {
            throw new IllegalStateException("another webhook input binding is active: " + receiver.get().describe());
        }
    }

    void detach(WebhookInboundEndpoint endpoint) {
        receiver.compareAndSet(endpoint, null);
    }
}
