// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How the public listings show where a module came from and where it is served: without the
 * server's absolute paths, internal hosts or ports, or anything a download URL may carry
 * (credentials, tokens in the query). The full values stay in the server log.
 */
public final class ListingText {
    private ListingText() {}

    /**
     * {@code directory:NAME.wasm} / {@code directory:NAME/REVISION.wasm} for the functions
     * directory, {@code file:NAME.wasm} (the file name only) for another file,
     * {@code registry:org/name/tag} as it is, {@code download} for a URL.
     */
    public static String source(Path functionsDirectory, String source) {
        if (source.startsWith("registry:")) {
            return source;
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            return "download";
        }
        try {
            Path file = Path.of(source).toAbsolutePath().normalize();
            Path dir = functionsDirectory.toAbsolutePath().normalize();
            if (file.startsWith(dir) && !file.equals(dir)) {
                return "directory:" + dir.relativize(file).toString().replace('\\', '/');
            }
            Path name = file.getFileName();
            return name == null ? "file" : "file:" + name;
        } catch (InvalidPathException e) {
            return "file";
        }
    }

    /** The path of a URL this server serves ({@code http://localhost:9080/wasm/functions/f} gives {@code /wasm/functions/f}). */
    public static String path(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
