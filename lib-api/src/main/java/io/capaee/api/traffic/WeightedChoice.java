// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.List;
import java.util.function.Predicate;

/**
 * Picks an upstream in proportion to its weight, from a roll in {@code [0, total)} supplied by
 * the caller (a random number in production, fixed values in tests). Upstreams that may not be
 * used now (an open breaker) are left out and the others share their weight.
 */
public final class WeightedChoice {
    private WeightedChoice() {}

    /** The total weight of the upstreams {@code usable} accepts. */
    public static int total(List<Upstream> upstreams, Predicate<Upstream> usable) {
        int total = 0;
        for (Upstream u : upstreams) {
            if (u.weight() > 0 && usable.test(u)) {
                total += u.weight();
            }
        }
        return total;
    }

    /**
     * @param roll in {@code [0, total(upstreams, usable))}
     * @return null when no upstream is usable
     */
    public static Upstream pick(List<Upstream> upstreams, Predicate<Upstream> usable, int roll) {
        int left = roll;
        for (Upstream u : upstreams) {
            if (u.weight() <= 0 || !usable.test(u)) {
                continue;
            }
            if (left < u.weight()) {
                return u;
            }
            left -= u.weight();
        }
        return null;
    }
}
