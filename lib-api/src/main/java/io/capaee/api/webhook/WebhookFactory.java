// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.webhook;

/**
 * One configured webhook (a {@code <connectionFactory>} in server.xml), looked up as
 * {@code eis/webhook/<name>}: what receives the requests of one outside service and hands them,
 * once their signature is checked, to the resource adapter's inbound side.
 */
public interface WebhookFactory {
    /** A connection for one request, to close afterwards; never null. */
    Webhook getConnection();
}
