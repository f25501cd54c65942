// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The configuration stores in {@code /v1.0/metadata}. */
@ApplicationScoped
public class ConfigurationMetadata implements MetadataContributor {
    @Inject
    ConfigurationStores stores;

    @Override
    public List<ComponentInfo> components() {
        return ComponentInfo.all(stores.types(), type -> type);
    }
}
