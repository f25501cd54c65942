// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * One open directory of a {@link FileSandbox}, through which names are looked up, opened and
 * renamed relative to it and never through a symbolic link. Where the platform has
 * {@link SecureDirectoryStream} (Linux, macOS: {@code openat}, {@code renameat}) the directory is
 * held open, so a component swapped for a link after it was checked is never followed; elsewhere
 * each operation checks the path again and opens its last component without following links.
 */
abstract sealed class SandboxDirectory implements AutoCloseable {

    static SandboxDirectory open(Path dir) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new Held(dir, secure);
        }
        stream.close();
        return new ByPath(dir);
    }

    final Path path;

    private SandboxDirectory(Path path) {
        this.path = path;
    }

    /** The entry's own attributes (a link is reported as a link), or null when there is none. */
    abstract BasicFileAttributes attributes(String name) throws IOException;

    /** The subdirectory {@code name}; fails if it is a link. */
    abstract SandboxDirectory child(String name) throws IOException;

    abstract SeekableByteChannel open(String name, Set<OpenOption> options) throws IOException;

    /** Renames {@code from} over {@code to} in one step. */
    abstract void replace(String from, String to) throws IOException;

    abstract void deleteIfExists(String name) throws IOException;

    void createDirectory(String name) throws IOException {
        // No mkdirat in the JDK: made by path; a swapped parent is caught when child() opens it.
        Files.createDirectory(path.resolve(name));
    }

    @Override
    public abstract void close() throws IOException;

    private static final class Held extends SandboxDirectory {
        private final SecureDirectoryStream<Path> dir;

        Held(Path path, SecureDirectoryStream<Path> dir) {
            super(path);
            this.dir = dir;
        }

        @Override
        BasicFileAttributes attributes(String name) throws IOException {
            try {
                return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        SandboxDirectory child(String name) throws IOException {
            return new Held(path.resolve(name), dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        SeekableByteChannel open(String name, Set<OpenOption> options) throws IOException {
            return dir.newByteChannel(Path.of(name), options);
        }

        @Override
        void replace(String from, String to) throws IOException {
            dir.move(Path.of(from), dir, Path.of(to));
        }

        @Override
        void deleteIfExists(String name) throws IOException {
            try {
                dir.deleteFile(Path.of(name));
            } catch (NoSuchFileException e) {
                // nothing to delete
            }
        }

        @Override
        public void close() throws IOException {
            dir.close();
        }
    }

    private static final class ByPath extends SandboxDirectory {
        ByPath(Path path) {
            super(path);
        }

        @Override
        BasicFileAttributes attributes(String name) throws IOException {
            try {
                return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        SandboxDirectory child(String name) throws IOException {
            BasicFileAttributes a = attributes(name);
            if (a == null || a.isSymbolicLink() || !a.isDirectory()) {
                throw new IOException(name + " is not a directory");
            }
            return new ByPath(path.resolve(name));
        }

        @Override
        SeekableByteChannel open(String name, Set<OpenOption> options) throws IOException {
            return Files.newByteChannel(path.resolve(name), options);
        }

        @Override
        void replace(String from, String to) throws IOException {
            Files.move(path.resolve(from), path.resolve(to), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        void deleteIfExists(String name) throws IOException {
            Files.deleteIfExists(path.resolve(name));
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
