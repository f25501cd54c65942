// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The one directory a function's {@code hostReadFile}/{@code hostWriteFile} may touch. Capsule
 * resolved guest paths against the server's working directory and allowed {@code ..} and
 * absolute paths (spec S3); here a path must be relative and free of {@code ..}, and no component
 * of it may be a symbolic link. Checking for a link and then opening the path would leave a
 * window in which another process swaps a link in, so every component is opened relative to its
 * already opened parent without following links ({@link SandboxDirectory}). Writes go to a
 * temporary file beside the target and are renamed over it, within a per-write and a per-function
 * quota, so a refused or failed write never leaves half a file behind.
 */
final class FileSandbox {
    /** Larger files are refused rather than copied into the guest. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Optional<Path> root;
    private final long maxTotalBytes;
    private final long maxWriteBytes;
    /** Writes of one function are serialised, so that two cannot both fit the quota and overrun it together. */
    private final Object writes = new Object();

    FileSandbox(Optional<Path> root, long maxTotalBytes, long maxWriteBytes) {
        this.root = root.map(p -> p.toAbsolutePath().normalize());
        this.maxTotalBytes = maxTotalBytes;
        this.maxWriteBytes = maxWriteBytes;
    }

    String read(String guestPath) throws IOException {
        try {
            return readInside(guestPath);
        } catch (FileSystemException e) {
            throw hidden(guestPath, e);
        }
    }

    void write(String guestPath, String content) throws IOException {
        try {
            writeInside(guestPath, content);
        } catch (FileSystemException e) {
            throw hidden(guestPath, e);
        }
    }

    /** The JDK's message names the absolute path on the server: the guest gets its own path and the reason. */
    private static IOException hidden(String guestPath, FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return new IOException("open " + guestPath + ": no such file or directory");
        }
        String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        if (reason.contains("symbolic link")) {
            reason = "symbolic links are not followed";
        }
        return new IOException(guestPath + ": " + reason);
    }

    private String readInside(String guestPath) throws IOException {
        List<String> parts = parse(guestPath);
        String name = parts.get(parts.size() - 1);
        try (SandboxDirectory dir = walk(guestPath, parts, false)) {
            BasicFileAttributes attributes = dir.attributes(name);
            if (attributes != null && attributes.isSymbolicLink()) {
                throw new IOException(guestPath + ": symbolic links are not followed");
            }
            if (attributes == null || !attributes.isRegularFile()) {
                throw new IOException("open " + guestPath + ": no such file or directory");
            }
            try (SeekableByteChannel channel = dir.open(name, READ)) {
                return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(readAtMost(channel, guestPath))).toString();
            }
        }
    }

    private static byte[] readAtMost(SeekableByteChannel channel, String guestPath) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_FILE_BYTES + 1, Math.max(16, channel.size() + 1)));
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            if (!buffer.hasRemaining() && buffer.capacity() <= MAX_FILE_BYTES) {
                buffer = ByteBuffer.allocate((int) Math.min(MAX_FILE_BYTES + 1, buffer.capacity() * 2L)).put(buffer.flip());
            }
        }
        if (buffer.position() > MAX_FILE_BYTES) {
            throw new IOException(guestPath + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private void writeInside(String guestPath, String content) throws IOException {
        List<String> parts = parse(guestPath);
        String name = parts.get(parts.size() - 1);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxWriteBytes) {
            throw new IOException(guestPath + ": a write of " + bytes.length + " bytes is over the function's limit of "
                    + maxWriteBytes + " bytes per write");
        }
        synchronized (writes) {
            try (SandboxDirectory dir = walk(guestPath, parts, true)) {
                BasicFileAttributes existing = dir.attributes(name);
                if (existing != null && !existing.isRegularFile()) {
                    throw new IOException(guestPath + ": not a regular file");
                }
                long used = usedBytes() - (existing == null ? 0 : existing.size());
                if (used + bytes.length > maxTotalBytes) {
                    throw new IOException(guestPath + ": writing " + bytes.length + " bytes would take the function's files to "
                            + (used + bytes.length) + " bytes, over its quota of " + maxTotalBytes + " bytes");
                }
                String temp = ".capa-" + UUID.randomUUID() + ".tmp";
                try {
                    try (SeekableByteChannel channel = dir.open(temp, CREATE)) {
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                    }
                    dir.replace(temp, name);
                } finally {
                    dir.deleteIfExists(temp);
                }
            }
        }
    }

    /** What the regular files below the root hold together; links are not followed, so not counted. */
    private long usedBytes() throws IOException {
        try (Stream<Path> files = Files.walk(realRoot())) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    total += a.size();
                }
            }
            return total;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Opens the directory holding the last component, each step without following a link. */
    private SandboxDirectory walk(String guestPath, List<String> parts, boolean create) throws IOException {
        SandboxDirectory dir = SandboxDirectory.open(realRoot());
        try {
            for (String part : parts.subList(0, parts.size() - 1)) {
                BasicFileAttributes a = dir.attributes(part);
                if (a == null && create) {
                    try {
                        dir.createDirectory(part);
                    } catch (FileAlreadyExistsException e) {
                        // made by a concurrent write: opened below like any other
                    }
                    a = dir.attributes(part);
                }
                if (a == null) {
                    throw new IOException("open " + guestPath + ": no such file or directory");
                }
                if (a.isSymbolicLink()) {
                    throw new IOException(guestPath + ": symbolic links are not followed (outside the function's directory)");
                }
                if (!a.isDirectory()) {
                    throw new IOException(guestPath + ": " + part + " is not a directory");
                }
                SandboxDirectory child = dir.child(part);
                dir.close();
                dir = child;
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private Path realRoot() throws IOException {
        Path base = root.orElseThrow(() -> new IOException("file access is not enabled for this function"));
        Files.createDirectories(base);
        return base.toRealPath();
    }

    private List<String> parse(String guestPath) throws IOException {
        root.orElseThrow(() -> new IOException("file access is not enabled for this function"));
        if (guestPath.isEmpty() || guestPath.indexOf('\0') >= 0) {
            throw new IOException("invalid path '" + guestPath + "'");
        }
        if (guestPath.startsWith("/") || guestPath.startsWith("\\") || Path.of(guestPath).isAbsolute()) {
            throw new IOException(guestPath + ": absolute paths are not allowed");
        }
        List<String> parts = new ArrayList<>();
        for (Path part : Path.of(guestPath)) {
            String p = part.toString();
            if (p.equals("..")) {
                throw new IOException(guestPath + ": '..' is not allowed");
            }
            if (!p.equals(".") && !p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("invalid path '" + guestPath + "'");
        }
        return parts;
    }
}
