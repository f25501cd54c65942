// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.lock;

import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The lock stores in {@code /v1.0/metadata}: {@code lock.redis} or {@code lock.in-memory}. */
@ApplicationScoped
public class LockMetadata implements MetadataContributor {
    @Inject
    JndiComponents components;

    @Override
    public List<ComponentInfo> components() {
        return components.backendInfos("lock", LockConnectionFactory.class, LockConnectionFactory::describe, List.of());
    }
}
