// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.messaging;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.spi.ConnectorFactory;

/** One channel's settings, each defaulted here; {@code group} and {@code ackTimeout} matter to incoming channels only. */
record ChannelSettings(String channel, String pubsub, String topic, String group, Duration ackTimeout) {
    static final String DEFAULT_PUBSUB = "pubsub";
    static final long DEFAULT_ACK_TIMEOUT_SECONDS = 60;

    static ChannelSettings of(Config channelConfig, String appId) {
        String channel = channelConfig.getValue(ConnectorFactory.CHANNEL_NAME_ATTRIBUTE, String.class);
        long ackSeconds = channelConfig.getOptionalValue("ack-timeout", Long.class).orElse(DEFAULT_ACK_TIMEOUT_SECONDS);
        if (ackSeconds <= 0) {
            throw new IllegalArgumentException("channel " + channel + ": ack-timeout must be positive seconds, not " + ackSeconds);
        }
        return new ChannelSettings(channel,
                channelConfig.getOptionalValue("pubsub", String.class).orElse(DEFAULT_PUBSUB),
                channelConfig.getOptionalValue("topic", String.class).orElse(channel),
                channelConfig.getOptionalValue("group", String.class).orElse(appId),
                Duration.ofSeconds(ackSeconds));
    }
}
