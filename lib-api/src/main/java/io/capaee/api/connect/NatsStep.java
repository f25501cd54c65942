// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consumer (outlet) or producer (inlet) step: the NATS side of a connector, with exactly one
 * of {@code core}, {@code stream} or {@code kv}. {@code subject} is set for core and stream,
 * {@code bucket} and {@code key} for kv; {@code queue} only for a core consumer.
 */
public record NatsStep(NatsConfig nats, Mode mode, String subject, String queue, String bucket, String key,
        int threads) {

    /** Which NATS API the step uses. */
    public enum Mode {
        CORE("nats"), STREAM("nats_jetstream"), KV("nats_kv");

        private final String component;

        Mode(String component) {
            this.component = component;
        }

        /** The runtime component that implements this mode. */
        public String component() {
            return component;
        }
    }

    /** The same step as a source or sink of this runtime (consumer and producer are NATS components). */
    public ComponentStep asComponent() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", nats.url());
        if (nats.authEnabled()) {
            config.put("user_jwt", nats.jwt());
            config.put("user_nkey_seed", nats.seed());
        }
        switch (mode) {
            case CORE -> {
                config.put("subject", subject);
                if (queue != null && !queue.isEmpty()) {
                    config.put("queue", queue);
                }
            }
            case STREAM -> config.put("subject", subject);
            case KV -> {
                config.put("bucket", bucket);
                config.put("key", key);
            }
        }
        return new ComponentStep(mode.component(), config);
    }
}
