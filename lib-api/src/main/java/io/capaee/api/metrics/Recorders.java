// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import java.util.function.Function;

/**
 * The metrics of each name (a binding, a topic, a route), made on first use and kept: a registry lookup
 * per call costs more than the update it serves. The map is cleared, not grown without bound, when names
 * come and go very often; the registry keeps the metrics, this only the shortcuts.
 */
final class Recorders<R> {
    private static final int MAX = 10_000;

    private final ConcurrentHashMap<String, R> byKey = new ConcurrentHashMap<>();
    private final Function<String, R> make;

    Recorders(Function<String, R> make) {
        this.make = make;
    }

    R of(String key) {
        R r = byKey.get(key);
        if (r == null) {
            if (byKey.size() > MAX) {
                byKey.clear();
            }
            r = byKey.computeIfAbsent(key, make);
        }
        return r;
    }

    /** One count of every name seen, by name ({@code a/b} for a key of two), for the JMX views. */
    Map<String, Long> counts(ToLongFunction<R> count) {
        Map<String, Long> all = new TreeMap<>();
        byKey.forEach((key, r) -> all.put(key.replace('\n', '/'), count.applyAsLong(r)));
        return all;
    }

    /** The keys seen (and kept). */
    Set<String> keys() {
        return Set.copyOf(byKey.keySet());
    }

    /** A key of two names; the separator cannot appear in either (names are single-line). */
    static String key(String a, String b) {
        return a + '\n' + b;
    }

    static String first(String key) {
        return key.substring(0, key.indexOf('\n'));
    }

    static String second(String key) {
        return key.substring(key.indexOf('\n') + 1);
    }
}
