// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An ordered rule set: the first rule that matches a request routes it. Names are unique. */
public record TrafficRules(List<TrafficRule> rules) {
    public static final TrafficRules NONE = new TrafficRules(List.of());

    public TrafficRules {
        rules = rules == null ? List.of() : List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (TrafficRule r : rules) {
            if (!names.add(r.name())) {
                throw TrafficException.invalid("rule " + r.name() + " is declared twice");
            }
        }
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public Optional<TrafficRule> find(RequestView request) {
        for (TrafficRule r : rules) {
            if (r.match().matches(request)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public Optional<TrafficRule> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** This set with {@code rule} in place of the one of its name, or appended. */
    public TrafficRules with(TrafficRule rule) {
        List<TrafficRule> next = new ArrayList<>(rules);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).name().equals(rule.name())) {
                next.set(i, rule);
                return new TrafficRules(next);
            }
        }
        next.add(rule);
        return new TrafficRules(next);
    }

    /** This set without the rule {@code name}. @throws TrafficException NOT_FOUND when there is none */
    public TrafficRules without(String name) {
        List<TrafficRule> next = new ArrayList<>(rules);
        if (!next.removeIf(r -> r.name().equals(name))) {
            throw new TrafficException(TrafficException.Reason.NOT_FOUND, "there is no traffic rule " + name);
        }
        return new TrafficRules(next);
    }
}
