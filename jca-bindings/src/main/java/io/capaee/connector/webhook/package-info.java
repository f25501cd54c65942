// SPDX-License-Identifier: Apache-2.0
/**
 * Webhooks: one connection factory per webhook ({@code eis/webhook/<name>}) whose connections check
 * a request's HMAC-SHA256 signature (GitHub's and Stripe's schemes), its timestamp and that it was
 * not seen before, and hand it to the adapter's webhook inbox, from which the webhook input binding
 * delivers it.
 */
package io.capaee.connector.webhook;
