// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import io.capaee.api.webhook.Webhook;
import io.capaee.api.webhook.WebhookException;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.util.Map;
import java.util.Objects;

/** The {@link Webhook} a caller holds; delegates to its factory's {@link WebhookGate}. */
public final class WebhookHandle extends BackendConnectionHandle<WebhookGate> implements Webhook {

    public WebhookHandle() {
        super(problem -> new WebhookException(WebhookException.Reason.UNAVAILABLE, problem));
    }

    @Override
    public long maxBodyBytes() {
        return backend().maxBodyBytes();
    }

    @Override
    public String receive(String name, byte[] body, Map<String, String> headers) {
        Objects.requireNonNull(name, "name");
        return backend().receive(name, body == null ? new byte[0] : body, headers == null ? Map.of() : headers);
    }
}
