// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded default: one file a document, {@code <directory>/<kind>/<id>.json} (a {@code /} in
 * the id written {@code ~}). A write goes to a temporary file beside the target, forced to disk,
 * renamed over it with {@code ATOMIC_MOVE}, and the directory forced, so a reader (or a server
 * killed mid-write and restarted) sees the old document or the new one, never half of one.
 * Temporary files left by a killed write are deleted when the kind is next listed.
 */
public final class FileDesiredState implements DesiredState {
    private static final Logger LOG = Logger.getLogger(FileDesiredState.class.getName());
    private static final String SUFFIX = ".json";
    private static final String TEMP_PREFIX = ".writing-";

    private final Path directory;
    private final Object writeLock = new Object();

    public FileDesiredState(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public void put(DesiredEntry entry) {
        Path kindDir = kindDirectory(entry.kind());
        Path target = kindDir.resolve(fileName(entry.id()));
        synchronized (writeLock) {
            Path temp = null;
            try {
                Files.createDirectories(kindDir);
                temp = Files.createTempFile(kindDir, TEMP_PREFIX, ".tmp");
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer bytes = ByteBuffer.wrap(entry.toJson().getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
                forceDirectory(kindDir);
            } catch (IOException e) {
                throw new DesiredStateException("writing " + target + " failed: " + e, e);
            } finally {
                if (temp != null) {
                    deleteQuietly(temp);
                }
            }
        }
    }

    @Override
    public boolean remove(String kind, String id) {
        Path kindDir = kindDirectory(kind);
        DesiredEntry.requireId(id);
        synchronized (writeLock) {
            try {
                boolean existed = Files.deleteIfExists(kindDir.resolve(fileName(id)));
                if (existed) {
                    forceDirectory(kindDir);
                }
                return existed;
            } catch (IOException e) {
                throw new DesiredStateException("removing " + kind + " " + id + " from " + kindDir + " failed: " + e, e);
            }
        }
    }

    @Override
    public Listing list(String kind) {
        Path kindDir = kindDirectory(kind);
        List<DesiredEntry> entries = new ArrayList<>();
        Map<String, String> unreadable = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(kindDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX)) {
                    deleteQuietly(file);
                } else if (name.endsWith(SUFFIX) && !name.startsWith(".")) {
                    read(kind, file, entries, unreadable);
                }
            }
        } catch (NoSuchFileException e) {
            return new Listing(List.of(), Map.of());
        } catch (IOException e) {
            throw new DesiredStateException("listing " + kindDir + " failed: " + e, e);
        }
        entries.sort(Comparator.comparing(DesiredEntry::id));
        return new Listing(entries, unreadable);
    }

    private static void read(String kind, Path file, List<DesiredEntry> entries, Map<String, String> unreadable) {
        String where = file.toString();
        try {
            DesiredEntry entry = DesiredEntry.parse(kind, Files.readString(file, StandardCharsets.UTF_8), where);
            if (!fileName(entry.id()).equals(file.getFileName().toString())) {
                unreadable.put(where, "holds id '" + entry.id() + "', which belongs in " + fileName(entry.id()));
            } else {
                entries.add(entry);
            }
        } catch (IOException | DesiredStateException e) {
            unreadable.put(where, e.getMessage());
        }
    }

    @Override
    public String where() {
        return directory.toString();
    }

    private Path kindDirectory(String kind) {
        DesiredEntry.requireKind(kind);
        return directory.resolve(kind);
    }

    private static String fileName(String id) {
        return id.replace('/', '~') + SUFFIX;
    }

    /** Makes the rename itself durable: without it a crash can bring back the directory's old entry. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename is still atomic there
            LOG.log(Level.FINE, "cannot force directory {0}: {1}", new Object[] {dir, e});
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete {0}: {1}", new Object[] {file, e});
        }
    }
}
