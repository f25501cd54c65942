// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.state.StateConnectionFactory;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The state stores in {@code /v1.0/metadata}: {@code state.redis} or {@code state.in-memory}, with Dapr's
 * {@code QUERY_API} capability for the stores that can list their entries ({@link StateQuery}).
 */
@ApplicationScoped
public class StateMetadata implements MetadataContributor {
    private static final List<String> CAPABILITIES = List.of("ETAG", "TRANSACTIONAL", "TTL");
    private static final List<String> QUERYABLE = List.of("ETAG", "TRANSACTIONAL", "TTL", "QUERY_API");

    @Inject
    JndiComponents components;

    @Override
    public List<ComponentInfo> components() {
        return components.backendInfos("state", StateConnectionFactory.class, StateConnectionFactory::describe,
                f -> f.scans() ? QUERYABLE : CAPABILITIES);
    }
}
