// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.secrets;

import io.capaee.api.secrets.SecretStore;
import io.capaee.api.secrets.SecretStores;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The secret stores in {@code /v1.0/metadata}. */
@ApplicationScoped
public class SecretMetadata implements MetadataContributor {
    @Inject
    SecretStores stores;

    @Override
    public List<ComponentInfo> components() {
        return ComponentInfo.all(stores.all(), SecretStore::type);
    }
}
