// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.time.Instant;
import java.util.Comparator;

/**
 * A stored module.
 *
 * @param coordinates org/name/tag
 * @param sha256 lower-case hex SHA-256 of the module bytes
 * @param size bytes
 * @param info the free text uploaded with it (Capsule's {@code info} field), possibly empty
 * @param uploadedAt when it was stored
 */
public record ModuleRecord(ModuleCoordinates coordinates, String sha256, long size, String info, Instant uploadedAt) {
    /** The order of listings: by org, name, tag. */
    public static final Comparator<ModuleRecord> BY_COORDINATES = Comparator.comparing((ModuleRecord r) -> r.coordinates().org())
            .thenComparing(r -> r.coordinates().name())
            .thenComparing(r -> r.coordinates().tag());
}
