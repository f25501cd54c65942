// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.component;

import java.util.List;
import java.util.Objects;

/** One component as {@code GET /v1.0/metadata} lists it, e.g. {@code statestore}, {@code state.redis}, {@code v1}. */
public record ComponentInfo(String name, String type, String version, List<String> capabilities) {
    public ComponentInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        version = version == null ? "v1" : version;
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }
}
