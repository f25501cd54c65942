// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.kafka;

import io.capaee.connector.InvalidConfigException;
import java.util.List;

/**
 * Where the Kafka brokers are: {@code bootstrapServers}, {@code host:port[,host:port...]};
 * validated, naming the config property that holds it.
 */
public record KafkaSettings(String bootstrapServers) {
    /** The default of every {@code bootstrapServers} property. */
    public static final String BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String BOOTSTRAP_SERVERS_HELP = "Kafka bootstrap servers, host:port[,host:port...]";

    public KafkaSettings {
        bootstrapServers = checked("bootstrapServers", bootstrapServers);
    }

    /** The settings of the config property {@code property}, refused naming it. */
    public static KafkaSettings of(String property, String bootstrapServers) {
        return new KafkaSettings(checked(property, bootstrapServers));
    }

    /** The settings of a list of {@code host:port} (a connector's {@code seed_brokers}), refused naming {@code property}. */
    public static KafkaSettings of(String property, List<String> bootstrapServers) {
        return of(property, String.join(",", bootstrapServers));
    }

    private static String checked(String property, String servers) {
        if (servers == null || servers.isBlank()) {
            throw new InvalidConfigException(property, "must name at least one host:port");
        }
        for (String server : servers.split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon < 1 || !s.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new InvalidConfigException(property, "'" + s + "' is not a host:port");
            }
        }
        return servers.strip();
    }

    /** {@code kafka <servers>}, for messages. */
    public String describe() {
        return "kafka " + bootstrapServers;
    }
}
