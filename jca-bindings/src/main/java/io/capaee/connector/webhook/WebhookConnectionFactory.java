// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import io.capaee.api.webhook.Webhook;
import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookFactory;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link WebhookFactory} bound in JNDI as {@code eis/webhook/<name>}. */
public final class WebhookConnectionFactory extends ConnectionFactoryBase<Webhook> implements WebhookFactory {
    private static final long serialVersionUID = 1L;

    WebhookConnectionFactory(WebhookManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, Webhook.class,
                (message, cause) -> new WebhookException(WebhookException.Reason.UNAVAILABLE, message, cause));
    }
}
