// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The one directory a function's {@code hostReadFile}/{@code hostWriteFile} may touch. Capsule
 * resolved guest paths against the server's working directory and allowed {@code ..} and
 * absolute paths (spec S3); here a path must be relative, free of {@code ..}, and must not leave
 * the directory through a symbolic link. Writes go to a temporary file first, so a failed write
 * never leaves half a file behind.
 */
final class FileSandbox {
    /** Larger files are refused rather than copied into the guest. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final Optional<Path> root;

    FileSandbox(Optional<Path> root) {
        this.root = root.map(p -> p.toAbsolutePath().normalize());
    }

    String read(String guestPath) throws IOException {
        Path file = resolve(guestPath);
        if (Files.isSymbolicLink(file)) {
            throw new IOException(guestPath + ": symbolic links are not followed");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("open " + guestPath + ": no such file or directory");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(guestPath + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    void write(String guestPath, String content) throws IOException {
        Path file = resolve(guestPath);
        if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(guestPath + ": not a regular file");
        }
        Path parent = file.getParent();
        Files.createDirectories(parent);
        requireInside(parent.toRealPath(), guestPath);
        Path temp = Files.createTempFile(parent, ".capa-", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path resolve(String guestPath) throws IOException {
        Path base = root.orElseThrow(() -> new IOException("file access is not enabled for this function"));
        if (guestPath.isEmpty() || guestPath.indexOf('\0') >= 0) {
            throw new IOException("invalid path '" + guestPath + "'");
        }
        Path relative = Path.of(guestPath);
        if (relative.isAbsolute() || guestPath.startsWith("/") || guestPath.startsWith("\\")) {
            throw new IOException(guestPath + ": absolute paths are not allowed");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new IOException(guestPath + ": '..' is not allowed");
            }
        }
        Files.createDirectories(base);
        Path realBase = base.toRealPath();
        Path file = realBase.resolve(relative).normalize();
        requireInside(file, guestPath, realBase);
        // A directory on the way may be a link out of the sandbox: check where it really leads.
        Path existingParent = file.getParent();
        while (existingParent != null && !Files.exists(existingParent, LinkOption.NOFOLLOW_LINKS)) {
            existingParent = existingParent.getParent();
        }
        if (existingParent != null) {
            requireInside(existingParent.toRealPath(), guestPath, realBase);
        }
        return file;
    }

    private void requireInside(Path real, String guestPath) throws IOException {
        requireInside(real, guestPath, root.orElseThrow().toRealPath());
    }

    private static void requireInside(Path real, String guestPath, Path realBase) throws IOException {
        if (!real.startsWith(realBase)) {
            throw new IOException(guestPath + ": outside the function's directory");
        }
    }
}
