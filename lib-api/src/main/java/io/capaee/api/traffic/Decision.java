// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.List;

/**
 * Where one request goes: the rule that matched, the upstreams to try in order (the chosen one
 * first, then, for retries, the others that may take traffic; empty when every breaker is open or a
 * pinned upstream's is), whether it was pinned, and whether a copy goes to the rule's mirror.
 */
public record Decision(TrafficRule rule, List<Upstream> attempts, boolean pinned, boolean mirrored) {
    public Decision {
        attempts = List.copyOf(attempts);
    }

    /** False when no upstream may take the request now (breakers open): the caller answers 503. */
    public boolean routable() {
        return !attempts.isEmpty();
    }

    public Upstream chosen() {
        return attempts.get(0);
    }
}
