// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chicory's compiled classes of each module, kept on disk so that a restart loads them instead of
 * translating every module again (0.1 to 0.5 s a module). Chicory's compiler asks its
 * {@link Cache} by the module's digest; this is the store behind it, written by hand because
 * Chicory's own directory cache is an experimental artifact that is not published.
 *
 * <p>Entries live under {@code <directory>/chicory-<version>/<sha256 hex>.jar}, so that another
 * Chicory version, which may translate differently, never loads them. A write goes to a temp file,
 * is forced to disk and renamed into place: a killed server leaves a temp file (removed at the
 * next start), never a half-written entry. The directory holds code the server runs: it belongs to
 * the server's own output directory, with the server's own permissions. When the entries exceed
 * {@code maxBytes}, the least recently used go first.
 */
public final class CompiledModuleCache implements Cache {
    private static final Logger LOG = Logger.getLogger(CompiledModuleCache.class.getName());
    private static final String SUFFIX = ".jar";
    private static final String TEMP_PREFIX = ".writing-";

    private final Path directory;
    private final long maxBytes;

    private CompiledModuleCache(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /**
     * The cache in {@code root} for the Chicory version on the class path; empty (with a warning)
     * when that version cannot be told or the directory cannot be made, so that the engine still
     * compiles, only without the cache.
     */
    public static Optional<CompiledModuleCache> open(Path root, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the compiled-module cache's size limit must be positive, not " + maxBytes);
        }
        Optional<String> version = chicoryVersion();
        if (version.isEmpty()) {
            LOG.warning("the compiled-module cache is off: the Chicory compiler's version cannot be told from its jar");
            return Optional.empty();
        }
        Path directory = root.toAbsolutePath().normalize().resolve("chicory-" + version.get());
        try {
            Files.createDirectories(directory);
            removeTempFiles(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the compiled-module cache is off: {0} cannot be used: {1}", new Object[] {directory, e.toString()});
            return Optional.empty();
        }
        return Optional.of(new CompiledModuleCache(directory, maxBytes));
    }

    /** Where the entries are. */
    public Path directory() {
        return directory;
    }

    @Override
    public byte[] get(String key) {
        Path entry = entry(key);
        try {
            byte[] bytes = Files.readAllBytes(entry);
            // the modification time orders the entries for eviction: a read counts as a use
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
            return bytes;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "compiled-module cache: {0} cannot be read, the module is compiled again: {1}", new Object[] {entry, e.toString()});
            return null;
        }
    }

    @Override
    public void putIfAbsent(String key, byte[] data) {
        Path entry = entry(key);
        if (Files.isRegularFile(entry)) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, TEMP_PREFIX, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(data);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            evictBeyondLimit();
        } catch (FileAlreadyExistsException e) {
            // another compile of the same module got there first: its entry is as good
        } catch (IOException | UncheckedIOException e) {
            // a cache that cannot be written costs only time at the next start
            LOG.log(Level.WARNING, "compiled-module cache: {0} cannot be written: {1}", new Object[] {entry, e.toString()});
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Whether an entry is kept for {@code key}. */
    public boolean holds(String key) {
        return Files.isRegularFile(entry(key));
    }

    /** Forgets an entry that did not load, so that the next compile writes it anew. */
    public void remove(String key) {
        deleteQuietly(entry(key));
    }

    /** The entry of a Chicory key {@code <algorithm>:<base64 digest>}, named by the digest in hex. */
    Path entry(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a module digest is '<algorithm>:<base64>', not '" + key + "'");
        }
        String algorithm = key.substring(0, colon).replaceAll("[^a-z0-9]", "");
        byte[] digest = Base64.getDecoder().decode(key.substring(colon + 1));
        return directory.resolve(algorithm + "-" + HexFormat.of().formatHex(digest) + SUFFIX);
    }

    private void evictBeyondLimit() throws IOException {
        List<Path> entries = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                entries.add(file);
                total += Files.size(file);
            }
        }
        if (total <= maxBytes) {
            return;
        }
        entries.sort(Comparator.comparing(CompiledModuleCache::lastModified));
        for (Path oldest : entries) {
            if (total <= maxBytes) {
                break;
            }
            long size = Files.size(oldest);
            deleteQuietly(oldest);
            total -= size;
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void removeTempFiles(Path directory) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
            for (Path temp : temps) {
                deleteQuietly(temp);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "compiled-module cache: {0} could not be deleted: {1}", new Object[] {file, e.toString()});
        }
    }

    /** The version of the Chicory compiler on the class path, from its jar's Maven properties. */
    static Optional<String> chicoryVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version")).filter(v -> v.matches("[A-Za-z0-9._-]+"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
