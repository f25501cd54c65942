// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.registry.FactoryModuleStore;
import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleStoreConnectionFactory;
import io.capaee.api.registry.RegistryException;
import io.capaee.testing.GeneratedModules;
import io.capaee.testing.TcpCut;
import io.capaee.connector.CapaResourceAdapter;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.ObjectInfo;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module store contract (what the registry API and the worker rely on) on both backends,
 * through the connection factory: {@code file} (a directory) and {@code jetstream} (the real NATS
 * JetStream on 127.0.0.1:4222, buckets of their own per test, deleted afterwards). "Two servers" are
 * two connection factories on the same directory or bucket, each with its own NATS connection.
 */
class ModuleStoreContractTest {
    static final long LIMIT = 1 << 20;

    private final List<CapaResourceAdapter> adapters = new ArrayList<>();
    private final String bucket = "capa-test-registry-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (CapaResourceAdapter adapter : adapters) {
            adapter.stop();
        }
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            deleteQuietly(() -> nats.objectStoreManagement().delete(bucket));
            deleteQuietly(() -> nats.keyValueManagement().delete(bucket));
        }
    }

    private interface Deletion {
        void run() throws Exception;
    }

    private static void deleteQuietly(Deletion deletion) throws Exception {
        try {
            deletion.run();
        } catch (JetStreamApiException e) {
            // the file runs never made the buckets
        }
    }

    /** A store as one server sees it: its own adapter and (for jetstream) its own NATS connection. */
    ModuleStore store(String backend) throws Exception {
        return store(backend, "nats://127.0.0.1:4222");
    }

    ModuleStore store(String backend, String servers) throws Exception {
        CapaResourceAdapter adapter = new CapaResourceAdapter();
        adapter.start(null);
        adapters.add(adapter);
        ModuleStoreManagedConnectionFactory f = new ModuleStoreManagedConnectionFactory();
        f.setBackend(backend);
        f.setDirectory(dir.toString());
        f.setBucket(bucket);
        f.setServers(servers);
        f.setTimeoutMillis(2000);
        f.setResourceAdapter(adapter);
        return new FactoryModuleStore((ModuleStoreConnectionFactory) f.createConnectionFactory());
    }

    static ModuleCoordinates hola() {
        return new ModuleCoordinates("k33g", "hola", "0.0.0");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }


    static InputStream generated(long size, byte fill) {
        return GeneratedModules.generated(size, fill);
    }

    static byte[] module(int size, int fill) throws IOException {
        return generated(size, (byte) fill).readAllBytes();
    }

    static byte[] read(ModuleStore store, ModuleCoordinates c) throws IOException {
        try (InputStream in = store.open(c)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void anUploadComesBackWithItsDigestSizeAndInfoOnEveryServer(String backend) throws Exception {
        byte[] wasm = module(300_000, 7); // several chunks of the object store
        ModuleStore one = store(backend);
        ModuleRecord record = one.put(hola(), new ByteArrayInputStream(wasm), "hi\nthere", false, LIMIT);
        assertEquals(hola(), record.coordinates());
        assertEquals(sha256(wasm), record.sha256());
        assertEquals(wasm.length, record.size());
        assertEquals("hi\nthere", record.info());
        ModuleStore other = store(backend);
        assertEquals(Optional.of(record), other.find(hola()), "a second server on the same store sees it");
        assertArrayEquals(wasm, read(other, hola()));
        assertEquals(List.of(record), other.list(Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void anUnknownModuleIsNotFound(String backend) throws Exception {
        ModuleStore store = store(backend);
        assertEquals(Optional.empty(), store.find(hola()));
        RegistryException e = assertThrows(RegistryException.class, () -> store.open(hola()));
        assertEquals(RegistryException.Reason.NOT_FOUND, e.reason());
        assertFalse(store.delete(hola()));
        assertEquals(List.of(), store.list(Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void tagsAreImmutableUnlessReplaced(String backend) throws Exception {
        ModuleStore store = store(backend);
        byte[] first = module(1000, 1);
        byte[] second = module(2000, 2);
        store.put(hola(), new ByteArrayInputStream(first), "one", false, LIMIT);
        RegistryException e = assertThrows(RegistryException.class,
                () -> store.put(hola(), new ByteArrayInputStream(second), "two", false, LIMIT));
        assertEquals(RegistryException.Reason.ALREADY_EXISTS, e.reason());
        assertEquals(sha256(first), store.find(hola()).orElseThrow().sha256());
        assertArrayEquals(first, read(store, hola()));

        ModuleRecord replaced = store.put(hola(), new ByteArrayInputStream(second), "two", true, LIMIT);
        assertEquals(sha256(second), replaced.sha256());
        assertEquals(Optional.of(replaced), store.find(hola()));
        assertArrayEquals(second, read(store, hola()));
        assertEquals(1, objects(backend), "the replaced module's bytes are gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void bytesThatAreNotWasmAreRefusedAndNothingIsWritten(String backend) throws Exception {
        ModuleStore store = store(backend);
        byte[] html = "<html>not wasm</html>".getBytes(StandardCharsets.UTF_8);
        RegistryException e = assertThrows(RegistryException.class, () -> store.put(hola(), new ByteArrayInputStream(html), "", false, LIMIT));
        assertEquals(RegistryException.Reason.NOT_WASM, e.reason());
        byte[] truncated = java.util.Arrays.copyOf(module(400_000, 3), 399_999); // refused at its end, after chunks went out
        e = assertThrows(RegistryException.class, () -> store.put(hola(), new ByteArrayInputStream(truncated), "", false, LIMIT));
        assertEquals(RegistryException.Reason.NOT_WASM, e.reason());
        assertEquals(Optional.empty(), store.find(hola()));
        assertNothingHalfWritten(backend);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void aModuleOverTheLimitIsRefusedWithoutReadingTheRest(String backend) throws Exception {
        ModuleStore store = store(backend);
        long[] read = {0};
        InputStream big = new FilterInputStream(generated(64L << 20, (byte) 0)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        RegistryException e = assertThrows(RegistryException.class, () -> store.put(hola(), big, "", false, LIMIT));
        assertEquals(RegistryException.Reason.TOO_LARGE, e.reason());
        assertTrue(read[0] <= LIMIT + 128 * 1024, "read " + read[0]);
        assertEquals(Optional.empty(), store.find(hola()));
        assertNothingHalfWritten(backend);
        assertEquals(LIMIT, store.put(hola(), generated(LIMIT, (byte) 0), "", false, LIMIT).size(), "exactly the limit is accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void aClientThatFailsMidUploadLeavesNothing(String backend) throws Exception {
        ModuleStore store = store(backend);
        InputStream cut = new FilterInputStream(generated(600_000, (byte) 4)) {
            long sent;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent > 400_000) {
                    throw new RegistryException(RegistryException.Reason.MISSING_PART, "the client went away");
                }
                int n = super.read(b, off, len);
                sent += Math.max(n, 0);
                return n;
            }
        };
        RegistryException e = assertThrows(RegistryException.class, () -> store.put(hola(), cut, "", false, LIMIT));
        assertEquals(RegistryException.Reason.MISSING_PART, e.reason(), "the client's failure, unchanged");
        assertEquals(Optional.empty(), store.find(hola()));
        assertNothingHalfWritten(backend);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void aModuleOfTwelveMegabytesIsStreamedBothWays(String backend) throws Exception {
        ModuleStore store = store(backend);
        long size = 12L << 20;
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = generated(size, (byte) 9)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                expected.update(buffer, 0, n);
            }
        }
        ModuleRecord record = store.put(hola(), generated(size, (byte) 9), "big", false, size);
        assertEquals(size, record.size());
        assertEquals(HexFormat.of().formatHex(expected.digest()), record.sha256());
        MessageDigest back = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = store.open(hola())) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                back.update(buffer, 0, n);
                total += n;
            }
        }
        assertEquals(size, total);
        assertEquals(record.sha256(), HexFormat.of().formatHex(back.digest()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void deleteRemovesTheTagAndItsBytes(String backend) throws Exception {
        ModuleStore store = store(backend);
        store.put(hola(), new ByteArrayInputStream(module(500, 1)), "", false, LIMIT);
        assertTrue(store.delete(hola()));
        assertEquals(Optional.empty(), store.find(hola()));
        assertThrows(RegistryException.class, () -> store.open(hola()));
        assertFalse(store.delete(hola()));
        assertEquals(0, objects(backend));
        store.put(hola(), new ByteArrayInputStream(module(600, 1)), "again", false, LIMIT);
        assertEquals("again", store.find(hola()).orElseThrow().info());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void listingIsOrderedAndFilteredByOrgAndName(String backend) throws Exception {
        ModuleStore store = store(backend);
        byte[] wasm = module(100, 0);
        for (String c : new String[] {"b/x/1", "a/y/2", "a/x/2", "a/x/1", "a.b/x.y/v1.", "a/x-/1_"}) {
            store.put(ModuleCoordinates.parse(c), new ByteArrayInputStream(wasm), c, false, LIMIT);
        }
        assertEquals(List.of("a/x/1", "a/x/2", "a/x-/1_", "a/y/2", "a.b/x.y/v1.", "b/x/1"), names(store.list(Optional.empty(), Optional.empty())));
        assertEquals(List.of("a/x/1", "a/x/2", "a/x-/1_", "a/y/2"), names(store.list(Optional.of("a"), Optional.empty())));
        assertEquals(List.of("a/x/1", "a/x/2"), names(store.list(Optional.of("a"), Optional.of("x"))));
        assertEquals(List.of("a/x/1", "a/x/2", "b/x/1"), names(store.list(Optional.empty(), Optional.of("x"))));
        assertEquals(List.of("a.b/x.y/v1."), names(store.list(Optional.of("a.b"), Optional.of("x.y"))));
        assertEquals("a.b/x.y/v1.", store.find(ModuleCoordinates.parse("a.b/x.y/v1.")).orElseThrow().info());
        assertEquals(List.of(), names(store.list(Optional.of("nope"), Optional.empty())));
        assertEquals(List.of(), store.list(Optional.of(".."), Optional.empty()));
        assertEquals(List.of(), store.list(Optional.of("../.."), Optional.of("..")));
        assertEquals(List.of(), store.list(Optional.of("a b"), Optional.of(">")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "jetstream"})
    void twoServersUploadingOneTagLeaveOneWholeModule(String backend) throws Exception {
        List<ModuleStore> servers = List.of(store(backend), store(backend));
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            contents.add(module(150_000 + i * 1000, i + 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (boolean replace : new boolean[] {false, true}) {
                servers.get(0).delete(hola());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ModuleRecord>> results = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    byte[] bytes = contents.get(i % contents.size());
                    ModuleStore server = servers.get(i % 2);
                    Callable<ModuleRecord> upload = () -> {
                        start.await();
                        return server.put(hola(), new ByteArrayInputStream(bytes), "", replace, LIMIT);
                    };
                    results.add(pool.submit(upload));
                }
                start.countDown();
                int stored = 0;
                for (Future<ModuleRecord> f : results) {
                    try {
                        f.get();
                        stored++;
                    } catch (ExecutionException e) {
                        assertEquals(RegistryException.Reason.ALREADY_EXISTS, ((RegistryException) e.getCause()).reason());
                    }
                }
                assertEquals(replace ? 12 : 1, stored);
                for (ModuleStore server : servers) {
                    ModuleRecord record = server.find(hola()).orElseThrow();
                    assertEquals(record.sha256(), sha256(read(server, hola())), "the tag's record and bytes belong together");
                }
                assertEquals(1, objects(backend), "one module's bytes are left, replace=" + replace);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJetStreamOutageIsUnavailableNamingTheBackendAndHealsByItself() throws Exception {
        try (TcpCut cut = new TcpCut(4222)) {
            ModuleStore store = store("jetstream", "nats://127.0.0.1:" + cut.port());
            store.put(hola(), new ByteArrayInputStream(module(1000, 1)), "before", false, LIMIT);
            cut.cut();
            for (Callable<?> call : List.<Callable<?>>of(() -> store.find(hola()), () -> store.list(Optional.empty(), Optional.empty()),
                    () -> store.put(new ModuleCoordinates("k33g", "hola", "1"), new ByteArrayInputStream(module(1000, 2)), "", false, LIMIT),
                    () -> store.delete(hola()))) {
                RegistryException e = assertThrows(RegistryException.class, call::call);
                assertEquals(RegistryException.Reason.UNAVAILABLE, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains("jetstream bucket " + bucket + " on nats nats://127.0.0.1:" + cut.port()), e.getMessage());
            }
            cut.restore();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (true) {
                try {
                    assertEquals("before", store.find(hola()).orElseThrow().info());
                    break;
                } catch (RegistryException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            assertEquals(List.of("k33g/hola/0.0.0"), names(store.list(Optional.empty(), Optional.empty())), "nothing of the refused upload");
        }
    }

    @Test
    void whatAServerKilledMidUploadLeftIsSweptOnceOldEnoughAndNothingElse() throws Exception {
        ModuleStore store = store("jetstream");
        byte[] kept = module(200_000, 5);
        store.put(hola(), new ByteArrayInputStream(kept), "kept", false, LIMIT);
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            // killed while sending chunks: chunks no object names; killed before the commit: an object no tag names
            nats.jetStream().publish(NatsObjectStoreUtil.toChunkPrefix(bucket) + "deadupload0000000000", new byte[1000]);
            nats.objectStore(bucket).put("k33g/hola/9/dead.wasm", module(300, 1));
            assertEquals(2, objects("jetstream"));

            JetStreamModuleStore young = new JetStreamModuleStore(nats, bucket, "test", java.time.Clock.systemUTC(), JetStreamModuleStore.ORPHAN_AGE);
            young.find(hola()); // opens the buckets and sweeps: nothing is an hour old
            assertEquals(2, objects("jetstream"));

            try (Connection other = Nats.connect("nats://127.0.0.1:4222")) {
                JetStreamModuleStore old = new JetStreamModuleStore(other, bucket, "test", java.time.Clock.systemUTC(), java.time.Duration.ZERO);
                assertEquals(Optional.of("kept"), old.find(hola()).map(ModuleRecord::info));
            }
        }
        assertEquals(1, objects("jetstream"), "the unnamed object is gone");
        assertNothingHalfWritten("jetstream");
        assertArrayEquals(kept, read(store, hola()));
    }

    @Test
    void aBadBackendOrBucketIsRefusedNamingTheProperty() {
        ModuleStoreManagedConnectionFactory f = new ModuleStoreManagedConnectionFactory();
        f.setBackend("s3");
        assertTrue(assertThrows(Exception.class, f::createConnectionFactory).getMessage().contains("backend"));
        f.setBackend("jetstream");
        f.setBucket("a.b");
        assertTrue(assertThrows(Exception.class, f::createConnectionFactory).getMessage().contains("bucket"));
    }

    private static List<String> names(List<ModuleRecord> records) {
        return records.stream().map(r -> r.coordinates().toString()).toList();
    }

    /** Module files (file) or live objects (jetstream) in the store. */
    private int objects(String backend) throws Exception {
        if (backend.equals("file")) {
            try (var files = Files.find(dir, 4, (p, a) -> p.toString().endsWith(".wasm") && !p.toString().contains("/."))) {
                return (int) files.count();
            }
        }
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            List<ObjectInfo> live = nats.objectStore(bucket).getList();
            return live.size();
        }
    }

    /** No staged files left (file); no chunk of any object left in the stream beyond the live objects' (jetstream). */
    private void assertNothingHalfWritten(String backend) throws Exception {
        if (backend.equals("file")) {
            for (String hidden : new String[] {".staging", ".trash"}) {
                try (var left = Files.list(dir.resolve(hidden))) {
                    assertEquals(List.of(), left.toList(), hidden);
                }
            }
            return;
        }
        try (Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            long chunks = 0;
            for (ObjectInfo info : nats.objectStore(bucket).getList()) {
                chunks += info.getChunks();
            }
            var subjects = nats.jetStreamManagement().getStreamInfo(NatsObjectStoreUtil.toStreamName(bucket),
                    io.nats.client.api.StreamInfoOptions.allSubjects()).getStreamState().getSubjectMap();
            long stored = subjects.entrySet().stream().filter(s -> s.getKey().startsWith(NatsObjectStoreUtil.toChunkPrefix(bucket)))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
            assertEquals(chunks, stored, "chunks in the stream that no object names: " + subjects.keySet());
        }
    }
}
