// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/**
 * Listener type of the webhook activation spec: one message per webhook request that passed its
 * signature check ({@code POST /v1.0-alpha1/webhooks/{name}}), with the metadata {@code webhook}
 * (the name), {@code webhook-id} (this server's id of the event) and the request headers the
 * webhook forwards.
 */
public interface WebhookListener extends InboundListener {}
