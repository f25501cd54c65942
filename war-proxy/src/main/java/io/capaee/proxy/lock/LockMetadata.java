// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.lock;

import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The lock stores in {@code /v1.0/metadata}: {@code lock.redis} or {@code lock.in-memory}. */
@ApplicationScoped
public class LockMetadata implements MetadataContributor {
    @Inject
    JndiComponents components;

    @Override
    public List<ComponentInfo> components() {
        List<ComponentInfo> result = new ArrayList<>();
        for (String name : components.names("lock")) {
            components.find("lock", name, LockConnectionFactory.class).ifPresent(f -> result.add(
                    new ComponentInfo(name, f.describe().startsWith("redis") ? "lock.redis" : "lock.in-memory", "v1", List.of())));
        }
        return result;
    }
}
