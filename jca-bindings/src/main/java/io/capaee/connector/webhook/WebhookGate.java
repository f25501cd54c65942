// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookException.Reason;
import io.capaee.connector.inbound.webhook.WebhookEvent;
import io.capaee.connector.inbound.webhook.WebhookInbox;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one webhook does with a request: checks its size, its signature (and timestamp), that it was
 * not received before, and offers it to the adapter's {@link WebhookInbox}. Shared by every
 * connection of its factory (the replay guard must see all the webhook's requests). Thread-safe.
 */
public final class WebhookGate {
    private static final Logger LOG = Logger.getLogger(WebhookGate.class.getName());
    /** Signatures remembered per webhook at most (about 100 bytes each). */
    static final int REPLAY_CAPACITY = 100_000;

    private final WebhookSettings settings;
    private final SignatureCheck check;
    private final ReplayGuard replays;
    private final WebhookInbox inbox;

    public WebhookGate(WebhookSettings settings, WebhookInbox inbox, Clock clock) {
        this.settings = settings;
        this.check = new SignatureCheck(settings.scheme(), settings.secret(), settings.tolerance(), clock);
        this.replays = new ReplayGuard(settings.tolerance(), REPLAY_CAPACITY, clock);
        this.inbox = inbox;
    }

    public long maxBodyBytes() {
        return settings.maxBodyBytes();
    }

    /** Checks and queues one request; returns the event's id. */
    public String receive(String name, byte[] body, Map<String, String> headers) {
        if (body.length > settings.maxBodyBytes()) {
            throw new WebhookException(Reason.TOO_LARGE, "the body is larger than the webhook's limit ("
                    + settings.maxBodyBytes() + " bytes)");
        }
        Map<String, String> lower = new HashMap<>();
        headers.forEach((header, value) -> lower.put(header.toLowerCase(Locale.ROOT), value));
        String signature;
        try {
            signature = check.verify(body, lower.get(settings.header().toLowerCase(Locale.ROOT)));
        } catch (WebhookException e) {
            // FINE: a refused request needs no operator, and a flood of them must not fill the log
            LOG.log(Level.FINE, "webhook {0} refused a request: {1}", new Object[] {name, e.getMessage()});
            throw e;
        }
        if (!replays.firstTime(signature)) {
            throw new WebhookException(Reason.REPLAYED, "this request (its signature) was received before");
        }
        String id = UUID.randomUUID().toString();
        Map<String, String> metadata = new HashMap<>();
        settings.forwardHeaders().forEach(header -> {
            String value = lower.get(header);
            if (value != null) {
                metadata.put(header, value);
            }
        });
        metadata.put("webhook", name);
        metadata.put("webhook-id", id);
        try {
            inbox.offer(new WebhookEvent(name, id, body, metadata, settings.target()));
        } catch (WebhookException e) {
            replays.forget(signature); // not taken: the sender may send it again
            throw e;
        }
        return id;
    }
}
