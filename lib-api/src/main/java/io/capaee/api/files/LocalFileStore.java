// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link FileStore} in a local directory, the embedded default. File {@code NAME} is the file
 * {@code objects/XX/SHA} where {@code SHA} is the SHA-256 of the name (hex) and {@code XX} its first
 * two digits: a name never becomes a path, so no name can reach outside the directory, any valid
 * name fits the file system's limits, and {@code a} and {@code a/b} can both exist, as in an object
 * store. Each file holds the content followed by a trailer ({@link LocalTrailer}: name, size,
 * SHA-256, type, metadata, time), so that content and metadata are one file and change together.
 *
 * <p>A put streams into a temporary file under {@code .staging} (same file system), forces it to
 * disk, and renames it over the old one ({@code ATOMIC_MOVE}): a reader sees the old file or the
 * new one, whole; a failed or refused put leaves nothing but a temporary file that it deletes.
 * A reader holds the file open, so a file replaced or deleted while it is read is still read whole.
 * Listing reads every file's trailer: its cost grows with the number of files in the store.
 */
public final class LocalFileStore implements FileStore {
    private static final Duration STALE = Duration.ofDays(1);

    private final Path root;
    private final Path objects;
    private final Path staging;
    private final Clock clock;

    public LocalFileStore(Path root) {
        this(root, Clock.systemUTC());
    }

    /** @param clock the source of {@link FileInfo#lastModified()} */
    public LocalFileStore(Path root, Clock clock) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.objects = this.root.resolve("objects");
        this.staging = this.root.resolve(".staging");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(objects);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new FileException(FileException.Reason.STORAGE, "cannot create the file store directory " + root + ": " + e, e);
        }
        removeStaleUploads();
    }

    public Path root() {
        return root;
    }

    @Override
    public FileInfo put(String name, InputStream content, FileMetadata metadata, long maxBytes) {
        FileName.check(name);
        Objects.requireNonNull(content, "content");
        FileMetadata meta = metadata == null ? FileMetadata.none() : metadata;
        Path temp = null;
        try {
            temp = Files.createTempFile(staging, "put-", ".tmp");
            FileInfo info;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                DigestingInput in = new DigestingInput(content, out, maxBytes);
                in.transferTo(OutputStream.nullOutputStream());
                info = new FileInfo(name, in.count(), clock.instant().truncatedTo(ChronoUnit.MILLIS), in.sha256Hex(),
                        meta.contentType(), meta.user());
                LocalTrailer.write(info, out);
                out.flush();
                channel.force(true);
            }
            Path target = pathOf(name);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(target.getParent());
            return info;
        } catch (DigestingInput.SizeLimitException e) {
            throw new FileException(FileException.Reason.TOO_LARGE, "file '" + name + "' is " + e.getMessage()
                    + " (capa.files.max-bytes); nothing was stored");
        } catch (IOException e) {
            throw new FileException(FileException.Reason.STORAGE, "storing file '" + name + "' failed: " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public Optional<FileRead> open(String name) {
        FileName.check(name);
        FileChannel channel;
        try {
            channel = FileChannel.open(pathOf(name), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new FileException(FileException.Reason.STORAGE, "opening file '" + name + "' failed: " + e, e);
        }
        try {
            FileInfo info = LocalTrailer.read(channel);
            if (!info.name().equals(name)) {
                throw new IOException("it holds '" + info.name() + "'");
            }
            return Optional.of(new LocalFileRead(channel, info));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new FileException(FileException.Reason.STORAGE, "file '" + name + "' is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FileInfo> stat(String name) {
        return open(name).map(read -> {
            read.close();
            return read.info();
        });
    }

    @Override
    public FileListing list(String prefix, String marker, int limit) {
        String p = FileName.checkPrefix(prefix);
        FileListing.checkLimit(limit);
        List<FileInfo> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(objects, 2)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                readInfo(file).filter(i -> i.name().startsWith(p)).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new FileException(FileException.Reason.STORAGE, "listing the file store " + root + " failed: " + e, e);
        }
        found.sort(Comparator.comparing(FileInfo::name));
        return FileListing.page(found, marker, limit);
    }

    @Override
    public boolean delete(String name) {
        FileName.check(name);
        Path target = pathOf(name);
        try {
            boolean existed = Files.deleteIfExists(target);
            if (existed) {
                syncDirectory(target.getParent());
            }
            return existed;
        } catch (IOException e) {
            throw new FileException(FileException.Reason.STORAGE, "deleting file '" + name + "' failed: " + e, e);
        }
    }

    private Path pathOf(String name) {
        String sha = HexFormat.of().formatHex(DigestingInput.sha256().digest(name.getBytes(StandardCharsets.UTF_8)));
        return objects.resolve(sha.substring(0, 2)).resolve(sha);
    }

    /** The info of a file found by listing; empty when it went away, or is damaged (it is then left for an operator). */
    private static Optional<FileInfo> readInfo(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.of(LocalTrailer.read(channel));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Makes a rename or delete in {@code dir} durable; not every platform can open a directory, which is then left to the OS. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; the rename itself was atomic
        }
    }

    /** Uploads a crashed server left behind; a day old, so that no upload still running is removed. */
    private void removeStaleUploads() {
        Instant before = clock.instant().minus(STALE);
        try (Stream<Path> files = Files.list(staging)) {
            files.filter(f -> modifiedBefore(f, before)).forEach(LocalFileStore::deleteQuietly);
        } catch (IOException e) {
            // only leftovers; they do not affect readers
        }
    }

    private static boolean modifiedBefore(Path file, Instant before) {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            return t.toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover in .staging is invisible to readers
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing was written through it
        }
    }
}
