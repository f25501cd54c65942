// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.configuration;

import io.capaee.api.configuration.ConfigurationConnection;
import io.capaee.api.configuration.ConfigurationException;
import io.capaee.api.configuration.ConfigurationItem;
import io.capaee.api.configuration.ConfigurationListener;
import io.capaee.api.configuration.ConfigurationSubscription;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** The {@link ConfigurationConnection} an application holds. */
public final class ConfigurationConnectionHandle extends BackendConnectionHandle<RedisConfigurationStore> implements ConfigurationConnection {
    ConfigurationConnectionHandle() {
        super(ConfigurationException::new);
    }

    @Override
    public Map<String, ConfigurationItem> get(List<String> keys) {
        return backend().get(keys);
    }

    @Override
    public ConfigurationSubscription subscribe(List<String> keys, ConfigurationListener listener, Executor executor) {
        return backend().subscribe(keys, listener, executor);
    }

    @Override
    public String type() {
        return "configuration.redis";
    }
}
