// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import java.time.Instant;

/**
 * A stored reminder as an operator sees it: what was registered and when it fires next.
 *
 * @param dueTime the due time as registered (Dapr's formats)
 * @param period the period as registered; empty when it fires once
 * @param next when it fires next
 * @param remaining firings left, -1 for no limit
 * @param expiresAt when it expires, or {@code null}
 */
public record ActorReminder(String actorId, String name, String dueTime, String period, Instant next, int remaining,
                            Instant expiresAt) {}
