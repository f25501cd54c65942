// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link ModuleStore} in a directory, in Capsule's layout: {@code <root>/<org>/<name>/<tag>/}
 * holds {@code <name>.wasm}, {@code <name>.info} (the info text and a newline, as Capsule wrote
 * it) and {@code .module.properties} (sha256, size, uploadedAt).
 *
 * <p>An upload is streamed into a fresh staging directory ({@code <root>/.staging}, on the same
 * file system) while its SHA-256 is computed, its bytes counted against the limit and its
 * structure checked by {@link WasmStreamValidator}; the info and metadata files are written
 * beside it, and the whole directory is then renamed into place with {@code ATOMIC_MOVE}. A
 * reader therefore sees either no tag or a complete one, never a partial module, and concurrent
 * uploads of one tag each stream into their own directory: the first commit wins, the other
 * gets ALREADY_EXISTS (or, when replacing, the last commit wins). Replacing moves the old
 * directory aside and the new one in, two renames: a reader in between sees the tag missing,
 * never mixed. Commits are serialised within this object and, through a file lock on
 * {@code <root>/.lock}, with other processes using the same root.
 *
 * <p>Directory names starting with {@code .} are never modules ({@link ModuleCoordinates} forbids
 * them), so the staging and trash directories cannot clash with a module.
 */
public final class FileModuleStore implements ModuleStore {
    static final String META = ".module.properties";

    private final Path root;
    private final Path staging;
    private final Path trash;
    private final Clock clock;
    /**
     * The in-memory half of the commit lock: a file lock belongs to the whole JVM (a second
     * {@code lock()} on the same file from this JVM throws {@code OverlappingFileLockException}),
     * so stores on one root in one JVM first exclude each other on this monitor, the same object
     * for every store on this root.
     */
    private final Object commitLock;

    public FileModuleStore(Path root) {
        this(root, Clock.systemUTC());
    }

    /** @param clock the source of {@link ModuleRecord#uploadedAt()} */
    public FileModuleStore(Path root, Clock clock) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.staging = this.root.resolve(".staging");
        this.trash = this.root.resolve(".trash");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commitLock = ("capa-ee module store " + this.root).intern();
        try {
            Files.createDirectories(staging);
            Files.createDirectories(trash);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "cannot create the registry directory " + root + ": " + e, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, Supplier<String> info, boolean replace, long maxBytes) {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(info, "info");
        if (!replace && find(coordinates).isPresent()) {
            // refuse before reading the body; checked again at commit
            throw RegistryException.alreadyExists(coordinates);
        }
        Path upload = null;
        try {
            upload = Files.createTempDirectory(staging, "upload-");
            long size;
            String digest;
            try (FileChannel channel = FileChannel.open(upload.resolve(coordinates.name() + ".wasm"),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ModuleUpload in = new ModuleUpload(wasm, maxBytes);
                in.transferTo(Channels.newOutputStream(channel));
                size = in.size();
                digest = in.sha256Hex();
                channel.force(true);
            }
            String text = Objects.requireNonNullElse(info.get(), "");
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Files.writeString(upload.resolve(coordinates.name() + ".info"), text + "\n", StandardCharsets.UTF_8);
            writeMeta(upload.resolve(META), digest, size, now);
            Path old = commit(coordinates, upload, replace);
            upload = null;
            if (old != null) {
                deleteTree(old);
            }
            return new ModuleRecord(coordinates, digest, size, text, now);
        } catch (IOException e) {
            throw ModuleUpload.refusal(e).orElseGet(() -> new RegistryException(RegistryException.Reason.STORAGE,
                    "storing " + coordinates + " failed: " + e, e));
        } finally {
            if (upload != null) {
                deleteTree(upload);
            }
        }
    }

    /** Renames the complete upload into place; returns the replaced directory, to delete, or null. */
    private Path commit(ModuleCoordinates coordinates, Path upload, boolean replace) throws IOException {
        Path tag = tagDir(coordinates);
        synchronized (commitLock) {
            try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                Files.createDirectories(tag.getParent());
                if (!Files.exists(tag)) {
                    Files.move(upload, tag, StandardCopyOption.ATOMIC_MOVE);
                    return null;
                }
                if (!replace && Files.exists(tag.resolve(META))) {
                    throw RegistryException.alreadyExists(coordinates);
                }
                // replacing, or a directory without metadata (never committed by this store)
                Path old = trash.resolve(UUID.randomUUID().toString());
                Files.move(tag, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(upload, tag, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(old, tag, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                return old;
            }
        }
    }

    @Override
    public Optional<ModuleRecord> find(ModuleCoordinates coordinates) {
        Path tag = tagDir(coordinates);
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(tag.resolve(META), StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "reading " + coordinates + " failed: " + e, e);
        }
        String info;
        try {
            info = Files.readString(tag.resolve(coordinates.name() + ".info"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed or replaced between the two reads
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "reading " + coordinates + " failed: " + e, e);
        }
        if (info.endsWith("\n")) {
            info = info.substring(0, info.length() - 1);
        }
        try {
            return Optional.of(new ModuleRecord(coordinates, meta.getProperty("sha256"), Long.parseLong(meta.getProperty("size")), info,
                    Instant.parse(meta.getProperty("uploadedAt"))));
        } catch (RuntimeException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "metadata of " + coordinates + " is damaged: " + e, e);
        }
    }

    @Override
    public InputStream open(ModuleCoordinates coordinates) {
        Path tag = tagDir(coordinates);
        try {
            if (!Files.exists(tag.resolve(META))) {
                throw RegistryException.notFound(coordinates);
            }
            return Files.newInputStream(tag.resolve(coordinates.name() + ".wasm"));
        } catch (NoSuchFileException e) {
            throw RegistryException.notFound(coordinates);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "opening " + coordinates + " failed: " + e, e);
        }
    }

    @Override
    public List<ModuleRecord> list(Optional<String> org, Optional<String> name) {
        List<ModuleRecord> records = new ArrayList<>();
        for (String o : children(root, org)) {
            for (String n : children(root.resolve(o), name)) {
                for (String t : children(root.resolve(o).resolve(n), Optional.empty())) {
                    ModuleCoordinates coordinates;
                    try {
                        coordinates = new ModuleCoordinates(o, n, t);
                    } catch (RegistryException e) {
                        continue;
                    }
                    find(coordinates).ifPresent(records::add);
                }
            }
        }
        records.sort(ModuleRecord.BY_COORDINATES);
        return records;
    }

    @Override
    public boolean delete(ModuleCoordinates coordinates) {
        Path tag = tagDir(coordinates);
        Path old = trash.resolve(UUID.randomUUID().toString());
        boolean existed;
        synchronized (commitLock) {
            try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                if (!Files.exists(tag)) {
                    return false;
                }
                existed = Files.exists(tag.resolve(META));
                Files.move(tag, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new RegistryException(RegistryException.Reason.STORAGE, "deleting " + coordinates + " failed: " + e, e);
            }
        }
        deleteTree(old);
        return existed;
    }

    private Path tagDir(ModuleCoordinates c) {
        Path tag = root.resolve(c.org()).resolve(c.name()).resolve(c.tag()).normalize();
        if (!tag.startsWith(root) || tag.getNameCount() != root.getNameCount() + 3) {
            throw new RegistryException(RegistryException.Reason.BAD_NAME, "module " + c + " is outside the registry");
        }
        return tag;
    }

    /** Names of the sub-directories that can be module path parts, or just {@code only} if it exists. */
    private static List<String> children(Path dir, Optional<String> only) {
        List<String> names = new ArrayList<>();
        if (only.isPresent()) {
            String name = only.get();
            if (!name.contains("/") && !name.contains("\\") && !name.startsWith(".") && !name.isEmpty() && Files.isDirectory(dir.resolve(name))) {
                names.add(name);
            }
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "listing " + dir + " failed: " + e, e);
        }
        return names;
    }

    private static void writeMeta(Path file, String sha256, long size, Instant uploadedAt) throws IOException {
        Properties meta = new Properties();
        meta.setProperty("sha256", sha256);
        meta.setProperty("size", Long.toString(size));
        meta.setProperty("uploadedAt", uploadedAt.toString());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            meta.store(writer, null);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in .staging or .trash are invisible to readers; nothing else to do
        }
    }

}
