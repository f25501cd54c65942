// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One routing rule: when it applies ({@link Match}), where its traffic goes (weighted
 * {@link Upstream}s, or the one a {@code pinHeader} names), what is mirrored, and how long, how
 * often and how carefully each request is tried.
 *
 * @param pinHeader a request header whose value names an upstream to use exactly; null: none
 * @param stripPrefix true: the matched path prefix is removed before the rest goes to the upstream
 * @param mirror null: no shadow traffic
 * @param timeout null: the proxy's {@code capa.proxy.response-timeout}
 * @param retries further attempts after a failure without an answer, for safe methods only
 */
public record TrafficRule(String name, Match match, List<Upstream> upstreams, String pinHeader, boolean stripPrefix,
        Mirror mirror, Duration timeout, int retries, BreakerSettings breaker) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** More attempts than this only multiply the load on an upstream that is already failing. */
    public static final int MAX_RETRIES = 5;

    public TrafficRule {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw TrafficException.invalid("rule name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        match = match == null ? new Match(null, "/", null, null) : match;
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
        if (upstreams.isEmpty()) {
            throw TrafficException.invalid("rule " + name + " has no upstream");
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        for (Upstream u : upstreams) {
            if (!names.add(u.name())) {
                throw TrafficException.invalid("rule " + name + " names upstream " + u.name() + " twice");
            }
            total += u.weight();
        }
        if (total <= 0) {
            throw TrafficException.invalid("rule " + name + ": at least one upstream needs a weight above 0");
        }
        pinHeader = pinHeader == null || pinHeader.isBlank() ? null : pinHeader.strip();
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw TrafficException.invalid("rule " + name + ": the timeout must be positive");
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw TrafficException.invalid("rule " + name + ": retries must be between 0 and " + MAX_RETRIES);
        }
        breaker = breaker == null ? BreakerSettings.DEFAULT : breaker;
    }

    /** The sum of the weights (above 0). */
    public int totalWeight() {
        return upstreams.stream().mapToInt(Upstream::weight).sum();
    }

    public Optional<Upstream> upstream(String upstreamName) {
        return upstreams.stream().filter(u -> u.name().equals(upstreamName)).findFirst();
    }

    /** The path to append to the upstream's base URL. */
    public String restOf(String path) {
        if (!stripPrefix || match.pathPrefix().equals("/")) {
            return path;
        }
        return path.substring(match.pathPrefix().length());
    }
}
