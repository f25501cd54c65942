// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.registry.ModuleRecord;
import jakarta.ws.rs.core.UriInfo;

/**
 * A module as the JSON of the info and list endpoints.
 *
 * @param url where its {@code .wasm} is downloaded (Capsule's canonical download URL)
 */
public record ModuleJson(String org, String name, String tag, String module, String sha256, long size, String info, String uploadedAt,
        String url) {
    static ModuleJson of(ModuleRecord r, UriInfo uri) {
        var c = r.coordinates();
        String url = uri.getBaseUriBuilder().path(c.org()).path(c.name()).path(c.tag()).path(c.name() + ".wasm").build().toString();
        return new ModuleJson(c.org(), c.name(), c.tag(), c.toString(), r.sha256(), r.size(), r.info(), r.uploadedAt().toString(), url);
    }
}
