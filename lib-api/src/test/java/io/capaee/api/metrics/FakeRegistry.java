// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * A metric registry for tests: counters, timers (their count) and gauges by name and tags,
 * {@code name{k=v,...}}, and how many times each was looked up.
 */
final class FakeRegistry {
    final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> lookups = new ConcurrentHashMap<>();
    final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                Metadata m = (Metadata) args[0];
                switch (method.getName()) {
                    case "counter":
                        return counter(key(m.getName(), tags(args)));
                    case "timer":
                        return timer(key(m.getName(), tags(args)));
                    case "gauge":
                        if (args.length == 4) {
                            Object target = args[1];
                            @SuppressWarnings("unchecked")
                            Function<Object, Number> f = (Function<Object, Number>) args[2];
                            gauges.put(key(m.getName(), (Tag[]) args[3]), () -> f.apply(target));
                            return null;
                        }
                        if (args[1] instanceof Supplier<?> supplier) {
                            @SuppressWarnings("unchecked")
                            Supplier<Number> numbers = (Supplier<Number>) supplier;
                            gauges.put(key(m.getName(), tags(args)), numbers);
                            return null;
                        }
                        break;
                    default:
                        break;
                }
                throw new UnsupportedOperationException(method.toString());
            });

    long count(String key) {
        AtomicLong n = counts.get(key);
        return n == null ? -1 : n.get();
    }

    private static Tag[] tags(Object[] args) {
        return args[args.length - 1] instanceof Tag[] t ? t : new Tag[0];
    }

    private static String key(String name, Tag[] tags) {
        Map<String, String> sorted = new TreeMap<>();
        Arrays.stream(tags).forEach(t -> sorted.put(t.getTagName(), t.getTagValue()));
        return name + sorted.toString().replace(" ", "");
    }

    private Counter counter(String key) {
        lookups.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        AtomicLong n = counts.computeIfAbsent(key, k -> new AtomicLong());
        return (Counter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Counter.class}, (p, method, args) -> {
            switch (method.getName()) {
                case "inc":
                    n.addAndGet(args == null ? 1 : (Long) args[0]);
                    return null;
                case "getCount":
                    return n.get();
                default:
                    throw new UnsupportedOperationException(method.toString());
            }
        });
    }

    private Timer timer(String key) {
        lookups.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        AtomicLong n = counts.computeIfAbsent(key, k -> new AtomicLong());
        return (Timer) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Timer.class}, (p, method, args) -> {
            if (method.getName().equals("update") && args[0] instanceof Duration) {
                n.incrementAndGet();
                return null;
            }
            if (method.getName().equals("getCount")) {
                return n.get();
            }
            throw new UnsupportedOperationException(method.toString());
        });
    }
}
