// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Configuration items from MicroProfile Config: the item {@code KEY} is the property
 * {@code PREFIX + KEY}. MicroProfile Config has no change events, so a subscription compares the
 * values every {@code pollInterval} (250 ms by default: a change is seen within a second).
 * Versions are empty: config sources have none.
 */
public final class MicroProfileConfigurationStore implements ConfigurationStore {
    private static final Logger LOG = Logger.getLogger(MicroProfileConfigurationStore.class.getName());

    private final Config config;
    private final String prefix;
    private final Duration pollInterval;

    public MicroProfileConfigurationStore(Config config, String prefix, Duration pollInterval) {
        if (prefix == null || prefix.isBlank()) {
            throw new ConfigurationException("a MicroProfile Config configuration store needs a non-empty prefix");
        }
        this.config = config;
        this.prefix = prefix;
        this.pollInterval = pollInterval;
    }

    @Override
    public Map<String, ConfigurationItem> get(List<String> keys) {
        Map<String, ConfigurationItem> items = new TreeMap<>();
        if (keys.isEmpty()) {
            for (String property : config.getPropertyNames()) {
                if (property.startsWith(prefix) && property.length() > prefix.length()) {
                    read(property.substring(prefix.length()), items);
                }
            }
        } else {
            for (String key : keys) {
                read(key, items);
            }
        }
        return items;
    }

    private void read(String key, Map<String, ConfigurationItem> items) {
        config.getOptionalValue(prefix + key, String.class).ifPresent(v -> items.put(key, new ConfigurationItem(v, "", Map.of())));
    }

    @Override
    public ConfigurationSubscription subscribe(List<String> keys, ConfigurationListener listener, Executor executor) {
        Poll poll = new Poll(List.copyOf(keys), listener);
        executor.execute(poll);
        return poll;
    }

    @Override
    public String type() {
        return "configuration.microprofile.config";
    }

    private final class Poll implements Runnable, ConfigurationSubscription {
        private final String id = UUID.randomUUID().toString();
        private final List<String> keys;
        private final ConfigurationListener listener;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final Map<String, ConfigurationItem> last;

        Poll(List<String> keys, ConfigurationListener listener) {
            this.keys = keys;
            this.listener = Objects.requireNonNull(listener, "listener");
            this.last = new HashMap<>(get(keys)); // taken now, so that later changes are reported
        }

        @Override
        public void run() {
            try {
                while (!closed.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    Map<String, ConfigurationItem> now = get(keys);
                    Map<String, ConfigurationItem> changed = new TreeMap<>();
                    now.forEach((k, v) -> {
                        if (!v.equals(last.get(k))) {
                            changed.put(k, v);
                        }
                    });
                    last.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> changed.put(k, ConfigurationItem.deleted()));
                    last.clear();
                    last.putAll(now);
                    if (!changed.isEmpty()) {
                        notifyListener(changed);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void notifyListener(Map<String, ConfigurationItem> changed) {
            try {
                listener.changed(changed);
            } catch (RuntimeException e) {
                // a failing listener must not end the subscription
                LOG.log(Level.WARNING, "configuration listener of subscription " + id + " failed", e);
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
