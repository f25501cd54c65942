// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.files.FileConnection;
import io.capaee.api.files.FileConnectionFactory;
import io.capaee.api.files.FileException;
import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileListing;
import io.capaee.api.files.FileMetadata;
import io.capaee.api.files.FileRead;
import io.capaee.connector.CapaResourceAdapter;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file store contract on the local directory and on the real NATS JetStream object store
 * (127.0.0.1:4222, a bucket of its own per run, deleted afterwards), through the connection factory.
 */
class FileStoreContractTest {
    private static final long MAX = 8L * 1024 * 1024;

    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String bucket = "capa-test-files-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path dir;
    private FileConnection files;

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
    }

    @AfterEach
    void stop() throws Exception {
        if (files != null) {
            files.close();
        }
        adapter.stop();
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            nats.objectStoreManagement().delete(bucket);
        } catch (JetStreamApiException e) {
            // the local runs never made the bucket
        }
    }

    private FileConnection open(String backend, long maxBytes) throws Exception {
        FileManagedConnectionFactory f = new FileManagedConnectionFactory();
        f.setBackend(backend);
        f.setDirectory(dir.toString());
        f.setBucket(bucket);
        f.setMaxBytes(maxBytes);
        f.setResourceAdapter(adapter);
        FileConnectionFactory factory = (FileConnectionFactory) f.createConnectionFactory();
        assertEquals(maxBytes, factory.maxBytes());
        return factory.getConnection();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(FileConnection files, String name) {
        try (FileRead read = files.open(name).orElseThrow()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            read.writeTo(out);
            assertEquals(read.info().size(), out.size(), "the content is as long as its info says");
            return out.toByteArray();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void aFileOfSeveralMegabytesComesBackWithItsSizeDigestTypeAndMetadata(String backend) throws Exception {
        files = open(backend, MAX);
        byte[] content = random(3 * 1024 * 1024 + 17, 1);
        FileInfo put = files.put("reports/2026/q4.bin", new ByteArrayInputStream(content),
                new FileMetadata("application/x-report", Map.of("owner", "alice", "run", "42")), MAX);
        assertEquals(content.length, put.size());
        assertEquals(sha256(content), put.sha256());

        FileInfo stat = files.stat("reports/2026/q4.bin").orElseThrow();
        assertEquals(content.length, stat.size());
        assertEquals(sha256(content), stat.sha256());
        assertEquals("application/x-report", stat.contentType());
        assertEquals(Map.of("owner", "alice", "run", "42"), stat.metadata());
        assertFalse(stat.lastModified().isAfter(java.time.Instant.now()));
        assertArrayEquals(content, read(files, "reports/2026/q4.bin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void aPutReplacesTheWholeFileAndAMissingFileIsEmpty(String backend) throws Exception {
        files = open(backend, MAX);
        assertTrue(files.stat("notes.txt").isEmpty());
        assertTrue(files.open("notes.txt").isEmpty());
        files.put("notes.txt", new ByteArrayInputStream(random(300_000, 2)), FileMetadata.none(), MAX);
        byte[] second = "short".getBytes();
        files.put("notes.txt", new ByteArrayInputStream(second), new FileMetadata("text/plain", Map.of()), MAX);
        assertArrayEquals(second, read(files, "notes.txt"));
        assertEquals("text/plain", files.stat("notes.txt").orElseThrow().contentType());
        assertEquals(FileMetadata.DEFAULT_TYPE, files.put("raw", new ByteArrayInputStream(second), null, MAX).contentType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void aFileOverTheLimitIsRefusedAndLeavesNothingBehind(String backend) throws Exception {
        files = open(backend, 200_000);
        byte[] kept = random(1000, 3);
        files.put("kept", new ByteArrayInputStream(kept), FileMetadata.none(), Long.MAX_VALUE);
        long before = stored(backend);
        for (String name : List.of("kept", "new")) {
            FileException e = assertThrows(FileException.class,
                    () -> files.put(name, new ByteArrayInputStream(random(700_000, 4)), FileMetadata.none(), Long.MAX_VALUE),
                    "the store's limit holds even when the caller asks for more");
            assertEquals(FileException.Reason.TOO_LARGE, e.reason());
            assertTrue(e.getMessage().contains("200000") && e.getMessage().contains(name), e.getMessage());
        }
        assertArrayEquals(kept, read(files, "kept"), "the old content is untouched");
        assertTrue(files.stat("new").isEmpty(), "nothing visible of the refused file");
        assertEquals(before, stored(backend), "no chunk or temporary file left behind");
        FileException lower = assertThrows(FileException.class,
                () -> files.put("small", new ByteArrayInputStream(kept), FileMetadata.none(), 999));
        assertEquals(FileException.Reason.TOO_LARGE, lower.reason(), "a caller may lower the limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void replacingAFileDropsTheOldContent(String backend) throws Exception {
        files = open(backend, MAX);
        files.put("big", new ByteArrayInputStream(random(600_000, 5)), FileMetadata.none(), MAX);
        long once = stored(backend);
        for (int i = 0; i < 3; i++) {
            files.put("big", new ByteArrayInputStream(random(600_000, 6 + i)), FileMetadata.none(), MAX);
        }
        assertEquals(once, stored(backend), "replacing three times stores no more than one file's worth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void aListIsInNameOrderFilteredByPrefixAndPaged(String backend) throws Exception {
        files = open(backend, MAX);
        for (String name : List.of("b/1", "a/3", "a/1", "a", "a/2", "ab")) {
            files.put(name, new ByteArrayInputStream(name.getBytes()), FileMetadata.none(), MAX);
        }
        FileListing first = files.list("a/", null, 2);
        assertEquals(List.of("a/1", "a/2"), first.files().stream().map(FileInfo::name).toList());
        assertEquals("a/2", first.next().orElseThrow());
        FileListing second = files.list("a/", first.next().get(), 2);
        assertEquals(List.of("a/3"), second.files().stream().map(FileInfo::name).toList());
        assertTrue(second.next().isEmpty());
        assertEquals(List.of("a", "a/1", "a/2", "a/3", "ab", "b/1"),
                files.list("", null, 1000).files().stream().map(FileInfo::name).toList(), "a and a/1 both exist");
        assertEquals(3, files.list("a/", null, 10).files().get(0).size());
        FileException e = assertThrows(FileException.class, () -> files.list("", null, 0));
        assertEquals(FileException.Reason.BAD_REQUEST, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void aDeletedFileIsGoneAndDeletingItAgainSaysSo(String backend) throws Exception {
        files = open(backend, MAX);
        files.put("gone", new ByteArrayInputStream(random(400_000, 9)), FileMetadata.none(), MAX);
        assertTrue(files.delete("gone"));
        assertTrue(files.stat("gone").isEmpty());
        assertTrue(files.list("go", null, 10).files().isEmpty());
        assertFalse(files.delete("gone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nats"})
    void namesThatCouldEscapeOrAreNotPortableAreRefusedNamingTheProblem(String backend) throws Exception {
        files = open(backend, MAX);
        Map<String, String> bad = Map.of(
                "../etc/passwd", "'..' segment",
                "a/../../b", "'..' segment",
                "./x", "'.' segment",
                "/abs", "empty segment",
                "dir/", "empty segment",
                "a//b", "empty segment",
                "a\\b", "backslash",
                "nul\u0000x", "control character U+0000",
                "", "empty");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            FileException refused = assertThrows(FileException.class,
                    () -> files.put(e.getKey(), new ByteArrayInputStream(new byte[1]), FileMetadata.none(), MAX), e.getKey());
            assertEquals(FileException.Reason.BAD_NAME, refused.reason());
            assertTrue(refused.getMessage().contains(e.getValue()), refused.getMessage());
            assertEquals(FileException.Reason.BAD_NAME,
                    assertThrows(FileException.class, () -> files.stat(e.getKey())).reason());
        }
        assertTrue(files.list("", null, 10).files().isEmpty(), "nothing was stored");
        files.put("names with spaces/ünïcödé/.hidden", new ByteArrayInputStream(new byte[] {1}), FileMetadata.none(), MAX);
        assertEquals(1, files.stat("names with spaces/ünïcödé/.hidden").orElseThrow().size());
    }

    /** What the store holds in all: the bucket's messages, or the directory's files (temporary ones included). */
    private long stored(String backend) throws IOException, InterruptedException, JetStreamApiException {
        if (backend.equals("nats")) {
            try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
                return nats.jetStreamManagement().getStreamInfo(NatsObjectStoreUtil.toStreamName(bucket)).getStreamState().getByteCount();
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(Path::toFile).filter(File::isFile).mapToLong(File::length).sum();
        }
    }
}
