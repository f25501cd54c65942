// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.files;

import io.capaee.api.files.FileConnectionFactory;
import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.component.MetadataContributor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The file stores in {@code /v1.0/metadata}, typed {@code files.local} or {@code files.nats}. */
@ApplicationScoped
public class FileMetadataContributor implements MetadataContributor {
    @Inject
    JndiComponents components;

    @Override
    public List<ComponentInfo> components() {
        return components.names("files").stream()
                .flatMap(name -> components.find("files", name, FileConnectionFactory.class).stream()
                        .map(f -> new ComponentInfo(name, "files." + f.describe().split(" ", 2)[0], "v1", List.of())))
                .toList();
    }
}
