// SPDX-License-Identifier: Apache-2.0
/**
 * Dapr's pub/sub API: publishing ({@code /v1.0/publish/{pubsub}/{topic}}, bulk), CloudEvents
 * envelopes, and the delivery of subscribed topics to the app ({@code capa.app.url}) with Dapr's
 * SUCCESS / RETRY / DROP answers, retries with back-off and dead-letter topics. Subscriptions are
 * declared in configuration ({@code capa.subscription.NAME.*}) or discovered from the app's
 * {@code GET /dapr/subscribe}.
 */
package io.capaee.proxy.pubsub;
