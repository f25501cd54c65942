// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Decides where a request goes under the rules in force, and keeps one {@link CircuitBreaker} per
 * rule and upstream. The rules are read from {@code rules} on every request (a local copy: see
 * {@link KeyValueTrafficRules}), so a change applies to the next request, without a restart.
 * Randomness and the clock are injected: tests pass fixed sequences. Thread-safe.
 */
public final class Router {
    private final Supplier<TrafficRules> rules;
    private final IntUnaryOperator roll;
    private final DoubleSupplier percent;
    private final LongSupplier nanoTime;
    private final TrafficListener listener;
    private final ConcurrentHashMap<BreakerKey, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    /** A breaker per rule, upstream (name and URL) and settings: changing any of them starts a closed one. */
    private record BreakerKey(String rule, Upstream upstream, BreakerSettings settings) {}

    /**
     * @param roll given a bound n, a number in {@code [0, n)}
     * @param percent a number in {@code [0, 100)}
     */
    public Router(Supplier<TrafficRules> rules, IntUnaryOperator roll, DoubleSupplier percent, LongSupplier nanoTime,
            TrafficListener listener) {
        this.rules = rules;
        this.roll = roll;
        this.percent = percent;
        this.nanoTime = nanoTime;
        this.listener = listener;
    }

    /** With {@link java.util.concurrent.ThreadLocalRandom} and {@link System#nanoTime}. */
    public static Router standard(Supplier<TrafficRules> rules, TrafficListener listener) {
        return new Router(rules, n -> java.util.concurrent.ThreadLocalRandom.current().nextInt(n),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble(100), System::nanoTime, listener);
    }

    public TrafficRules rules() {
        return rules.get();
    }

    /** Empty when no rule matches (the request is not this router's). */
    public Optional<Decision> route(RequestView request) {
        TrafficRules current = rules.get();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return current.find(request).map(rule -> decide(rule, request));
    }

    private Decision decide(TrafficRule rule, RequestView request) {
        boolean mirrored = rule.mirror() != null && rule.mirror().percent() > 0 && percent.getAsDouble() < rule.mirror().percent();
        if (mirrored) {
            listener.mirrored(rule.name());
        }
        if (rule.pinHeader() != null) {
            String pin = request.header().apply(rule.pinHeader());
            Optional<Upstream> pinned = pin == null ? Optional.empty() : rule.upstream(pin.strip());
            if (pinned.isPresent()) {
                Upstream u = pinned.get();
                // a pinned request stays on its version: retries go to it again, never elsewhere
                if (!breaker(rule, u).tryAcquire()) {
                    listener.unavailable(rule.name());
                    return new Decision(rule, List.of(), true, mirrored);
                }
                List<Upstream> attempts = new ArrayList<>();
                for (int i = 0; i <= rule.retries(); i++) {
                    attempts.add(u);
                }
                return new Decision(rule, attempts, true, mirrored);
            }
        }
        int total = WeightedChoice.total(rule.upstreams(), u -> breaker(rule, u).available());
        Upstream chosen = null;
        if (total > 0) {
            Upstream first = WeightedChoice.pick(rule.upstreams(), u -> breaker(rule, u).available(), roll.applyAsInt(total));
            if (first != null && breaker(rule, first).tryAcquire()) {
                chosen = first;
            } else {
                for (Upstream u : rule.upstreams()) { // lost a half-open probe to another thread: any other
                    if (u.weight() > 0 && u != first && breaker(rule, u).tryAcquire()) {
                        chosen = u;
                        break;
                    }
                }
            }
        }
        if (chosen == null) {
            listener.unavailable(rule.name());
            return new Decision(rule, List.of(), false, mirrored);
        }
        List<Upstream> others = new ArrayList<>();
        for (Upstream u : rule.upstreams()) {
            if (u != chosen && u.weight() > 0 && breaker(rule, u).available()) {
                others.add(u);
            }
        }
        List<Upstream> attempts = new ArrayList<>();
        attempts.add(chosen);
        for (int i = 0; i < rule.retries(); i++) {
            attempts.add(others.isEmpty() ? chosen : others.get(i % others.size()));
        }
        return new Decision(rule, attempts, false, mirrored);
    }

    /** Records one attempt: statistics, and the upstream's breaker. */
    public void completed(TrafficRule rule, Upstream upstream, int status, long nanos) {
        Outcome outcome = new Outcome(rule.name(), upstream.name(), status, nanos);
        CircuitBreaker b = breaker(rule, upstream);
        if (outcome.failed()) {
            b.failure();
        } else {
            b.success();
        }
        listener.attempted(outcome);
    }

    /** The breaker state of an upstream of a rule, for the JSON view. */
    public CircuitBreaker.State state(TrafficRule rule, Upstream upstream) {
        return breaker(rule, upstream).state();
    }

    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    private CircuitBreaker breaker(TrafficRule rule, Upstream u) {
        BreakerKey key = new BreakerKey(rule.name(), u, rule.breaker());
        CircuitBreaker b = breakers.get(key);
        if (b == null) {
            if (breakers.size() > 10_000) {
                breakers.clear(); // rules changed very often: forget the old ones' breakers
            }
            b = breakers.computeIfAbsent(key, k -> new CircuitBreaker(rule.breaker(), nanoTime));
        }
        return b;
    }
}
