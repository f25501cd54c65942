// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.store;

import io.capaee.connector.InvalidConfigException;
import jakarta.resource.spi.ConfigProperty;

/**
 * Base of the building-block stores (state, locks, configuration, pub/sub), which are configured
 * per application: the {@code appId} that namespaces every key ({@code appId||key}).
 */
public abstract class NamespacedStoreManagedConnectionFactory<B> extends StoreManagedConnectionFactory<B> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "capa", description = "Application id: every key is stored as appId||key,"
            + " so that two applications sharing a Redis never see each other's keys")
    private String appId = "capa";

    @Override
    protected void validateStore() {
        namespace();
    }

    /** {@code appId||}, the prefix of every stored key. */
    public final String namespace() {
        if (appId == null || appId.isBlank() || appId.contains("||")) {
            throw new InvalidConfigException("appId", "must be a non-empty name without '||', got '" + appId + "'");
        }
        return appId.strip() + "||";
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }
}
