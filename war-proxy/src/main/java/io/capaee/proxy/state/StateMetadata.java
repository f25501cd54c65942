// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.state.StateConnectionFactory;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The state stores in {@code /v1.0/metadata}: {@code state.redis} or {@code state.in-memory}. */
@ApplicationScoped
public class StateMetadata implements MetadataContributor {
    private static final List<String> CAPABILITIES = List.of("ETAG", "TRANSACTIONAL", "TTL");

    @Inject
    JndiComponents components;

    @Override
    public List<ComponentInfo> components() {
        return components.backendInfos("state", StateConnectionFactory.class, StateConnectionFactory::describe, CAPABILITIES);
    }
}
