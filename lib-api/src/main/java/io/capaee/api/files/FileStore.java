// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.io.InputStream;
import java.util.Optional;

/**
 * The file operations (cloud-runtimes' {@code FileService}) on one store. Every name is checked by
 * {@link FileName#check}; every failure is a {@link FileException} whose reason says what kind.
 * Writes are all or nothing: a reader sees the previous content or the new one, never part of it.
 */
public interface FileStore {
    /** Most results of a list page. */
    int MAX_LIST = 1000;

    /**
     * Stores {@code content} (read to its end, not closed) under {@code name}, replacing any file
     * of that name. Past {@code maxBytes} it stops reading and throws TOO_LARGE, and nothing is kept.
     */
    FileInfo put(String name, InputStream content, FileMetadata metadata, long maxBytes);

    /** The file for reading, or empty when there is none; close it. */
    Optional<FileRead> open(String name);

    /** What is known of the file, or empty when there is none. */
    Optional<FileInfo> stat(String name);

    /** The files whose names start with {@code prefix}, after {@code marker}, at most {@code limit} (1 to {@value #MAX_LIST}). */
    FileListing list(String prefix, String marker, int limit);

    /** Removes the file; false when there was none. */
    boolean delete(String name);
}
