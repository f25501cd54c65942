// SPDX-License-Identifier: Apache-2.0
/**
 * Webhooks as input bindings: one connection factory per webhook ({@code eis/webhook/<name>}, a
 * {@code <connectionFactory>} in server.xml with its signature scheme, secret, header, replay
 * tolerance and body limit). {@code POST /v1.0-alpha1/webhooks/{name}} hands each request to it;
 * the resource adapter checks the signature and queues the event for the webhook input binding
 * ({@link io.capaee.api.inbound.WebhookListener}), which delivers it like every other input binding.
 */
package io.capaee.api.webhook;
