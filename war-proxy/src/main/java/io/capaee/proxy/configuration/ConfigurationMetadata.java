// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.configuration;

import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The configuration stores in {@code /v1.0/metadata}. */
@ApplicationScoped
public class ConfigurationMetadata implements MetadataContributor {
    @Inject
    ConfigurationStores stores;

    @Override
    public List<ComponentInfo> components() {
        List<ComponentInfo> result = new ArrayList<>();
        stores.types().forEach((name, type) -> result.add(new ComponentInfo(name, type, "v1", List.of())));
        return result;
    }
}
