// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.WebhookListener;
import jakarta.ejb.MessageDriven;

/**
 * The webhook input binding: every request to {@code POST /v1.0-alpha1/webhooks/{name}} that passed
 * its webhook's signature check is an event (the body as received, metadata {@code webhook},
 * {@code webhook-id} and the forwarded headers) to the webhook's own target, else to the target of
 * the activation spec {@code capa-ee/ejb-bindings/WebhookInputBinding}.
 */
@MessageDriven(name = "WebhookInputBinding")
public class WebhookInputBinding extends InputBinding implements WebhookListener {}
