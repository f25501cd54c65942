// SPDX-License-Identifier: Apache-2.0
/**
 * Webhook inbound: requests to {@code POST /v1.0-alpha1/webhooks/{name}} whose signature the
 * webhook's connection factory checked reach the {@link WebhookInbox} of the adapter, and the
 * webhook endpoint delivers them to its bean with the same turns, retries and dead letters as
 * every broker source.
 */
package io.capaee.connector.inbound.webhook;
