// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.files;

import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileListing;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A file's info, and a listing page ({@code {"files": [...], "next": "marker"}}), as JSON. */
final class FileJson {
    private FileJson() {}

    static JsonObject info(FileInfo info) {
        JsonObjectBuilder meta = Jsonp.createObjectBuilder();
        info.metadata().forEach(meta::add);
        return Jsonp.createObjectBuilder()
                .add("name", info.name())
                .add("size", info.size())
                .add("lastModified", info.lastModified().toString())
                .add("sha256", info.sha256())
                .add("contentType", info.contentType())
                .add("metadata", meta)
                .build();
    }

    static JsonObject listing(FileListing listing) {
        JsonArrayBuilder files = Jsonp.createArrayBuilder();
        listing.files().forEach(f -> files.add(info(f)));
        JsonObjectBuilder page = Jsonp.createObjectBuilder().add("files", files);
        listing.next().ifPresent(next -> page.add("next", next));
        return page.build();
    }
}
