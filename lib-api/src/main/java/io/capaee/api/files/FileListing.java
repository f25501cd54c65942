// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, in name order (by UTF-16 code unit, as {@link String#compareTo}):
 * {@code next} is the marker of the next page (the last name of this one), empty on the last page.
 */
public record FileListing(List<FileInfo> files, Optional<String> next) {
    public FileListing {
        files = List.copyOf(files);
        next = next == null ? Optional.empty() : next;
    }

    /** Checks a page size, 1 to {@link FileStore#MAX_LIST}; else FileException BAD_REQUEST naming the bounds. */
    public static void checkLimit(int limit) {
        if (limit < 1 || limit > FileStore.MAX_LIST) {
            throw new FileException(FileException.Reason.BAD_REQUEST, "limit must be between 1 and " + FileStore.MAX_LIST + ", got " + limit);
        }
    }

    /** The page of {@code sorted} (all files, in name order) after {@code marker}, of at most {@code limit} files. */
    public static FileListing page(List<FileInfo> sorted, String marker, int limit) {
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            while (from < sorted.size() && sorted.get(from).name().compareTo(marker) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + limit);
        List<FileInfo> page = sorted.subList(from, to);
        return new FileListing(page, to < sorted.size() ? Optional.of(page.get(page.size() - 1).name()) : Optional.empty());
    }
}
