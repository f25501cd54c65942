// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleUpload;
import io.capaee.api.registry.RegistryException;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.outbound.SharedBackendBase;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.ObjectStore;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.support.NatsJetStreamConstants;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link ModuleStore} on NATS JetStream, shared by every server on that NATS: the modules' bytes
 * in an object store bucket, one object per upload (named {@code org/name/tag/<upload id>.wasm}),
 * and the tags in a key/value bucket of the same name (key {@link TagKey}, value a {@link TagEntry}
 * naming the object and holding the digest, size, info and upload time). Both buckets are made on
 * first use, with file storage.
 *
 * <p>An upload streams into a new object through {@link ModuleUpload} (limit, digest and
 * validation on the way; jnats sends one chunk at a time and purges what it sent when the upload is
 * refused or fails), then the tag is committed by the key/value bucket's compare-and-set: a new tag
 * with {@code create} (it fails when the key exists, so of two servers uploading one tag the first
 * commit wins and the other gets ALREADY_EXISTS, as with the file store), a replacement with
 * {@code update} at the revision just read (a lost race reads again, so the last commit wins and
 * no commit is lost). Only then is the replaced object deleted; an object that no tag names (its
 * upload refused, or its commit lost) is deleted at once. A reader therefore sees a tag's old record
 * or its new one, never a mix. A download streams the object chunk by chunk (one in memory at a
 * time, {@link ChunkInput}); if the tag is replaced or deleted while it is read, the read fails
 * rather than pass on another module's bytes.
 *
 * <p>NATS not answering (a time-out, the connection down) is UNAVAILABLE, naming this backend.
 */
final class JetStreamModuleStore extends SharedBackendBase implements ModuleStore {
    private static final Logger LOG = Logger.getLogger(JetStreamModuleStore.class.getName());
    private static final int MAX_ATTEMPTS = 100;
    /** Far longer than any upload takes: what nothing names after this long was left by a server that died mid-upload. */
    static final Duration ORPHAN_AGE = Duration.ofHours(1);
    /** JetStream's "stream name already in use with a different configuration". */
    private static final int STREAM_NAME_IN_USE = 10058;

    private final Connection connection;
    private final String bucket;
    private final String description;
    private final Clock clock;
    private final Duration orphanAge;
    private volatile Buckets buckets; // made on first use, once both buckets exist

    private record Buckets(KeyValue tags, ObjectStore modules, JetStreamManagement management) {}

    JetStreamModuleStore(Connection connection, String bucket, String description) {
        this(connection, bucket, description, Clock.systemUTC(), ORPHAN_AGE);
    }

    /** @param orphanAge how old chunks and objects that nothing names must be before {@link #sweep} deletes them */
    JetStreamModuleStore(Connection connection, String bucket, String description, Clock clock, Duration orphanAge) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.description = Objects.requireNonNull(description, "description");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orphanAge = Objects.requireNonNull(orphanAge, "orphanAge");
    }

    @Override
    public ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, Supplier<String> info, boolean replace, long maxBytes) {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(info, "info");
        String key = TagKey.of(coordinates);
        Buckets b = buckets();
        if (!replace && entry(b, key, coordinates).isPresent()) {
            throw RegistryException.alreadyExists(coordinates); // refuse before reading the body; checked again at commit
        }
        String object = coordinates + "/" + UUID.randomUUID() + ".wasm";
        ModuleUpload upload = new ModuleUpload(wasm, maxBytes);
        try {
            b.modules().put(ObjectMeta.builder(object).build(), upload);
        } catch (Exception e) {
            Optional<RegistryException> refused = ModuleUpload.refusal(e);
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw failed("storing " + coordinates, e);
        }
        boolean committed = false;
        try {
            TagEntry entry = new TagEntry(object, upload.sha256Hex(), upload.size(), Objects.requireNonNullElse(info.get(), ""),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            Optional<TagEntry> replaced = commit(b, key, coordinates, entry, replace);
            committed = true;
            replaced.ifPresent(old -> deleteObject(b, old.object()));
            return entry.record(coordinates);
        } finally {
            if (!committed) {
                deleteObject(b, object);
            }
        }
    }

    /** Writes the tag by compare-and-set; returns the entry it replaced. */
    private Optional<TagEntry> commit(Buckets b, String key, ModuleCoordinates coordinates, TagEntry entry, boolean replace) {
        byte[] value = entry.bytes();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                KeyValueEntry current = replace ? b.tags().get(key) : null;
                if (current == null) {
                    b.tags().create(key, value);
                    return Optional.empty();
                }
                b.tags().update(key, value, current.getRevision());
                return Optional.of(TagEntry.parse(coordinates, current.getValue()));
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != NatsJetStreamConstants.JS_WRONG_LAST_SEQUENCE) {
                    throw failed("committing " + coordinates, e);
                }
                if (!replace) {
                    throw RegistryException.alreadyExists(coordinates);
                }
                // another server committed in between: read the tag again
            } catch (Exception e) {
                throw failed("committing " + coordinates, e);
            }
        }
        throw new RegistryException(RegistryException.Reason.STORAGE, "committing " + coordinates + " lost " + MAX_ATTEMPTS
                + " races in a row on " + description);
    }

    @Override
    public Optional<ModuleRecord> find(ModuleCoordinates coordinates) {
        return entry(buckets(), TagKey.of(coordinates), coordinates).map(e -> e.record(coordinates));
    }

    @Override
    public InputStream open(ModuleCoordinates coordinates) {
        Buckets b = buckets();
        String key = TagKey.of(coordinates);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            TagEntry entry = entry(b, key, coordinates).orElseThrow(() -> RegistryException.notFound(coordinates));
            ObjectInfo object;
            try {
                object = b.modules().getInfo(entry.object());
            } catch (Exception e) {
                throw failed("opening " + coordinates, e);
            }
            if (object != null && !object.isDeleted()) {
                return new ChunkInput(b.management(), NatsObjectStoreUtil.toStreamName(bucket),
                        NatsObjectStoreUtil.toChunkPrefix(bucket) + object.getNuid(), object.getChunks(), entry, coordinates + " on " + description);
            }
            // replaced (or deleted) since the tag was read, and its old object deleted: read the tag again
        }
        throw RegistryException.notFound(coordinates);
    }

    @Override
    public List<ModuleRecord> list(Optional<String> org, Optional<String> name) {
        try {
            new ModuleCoordinates(org.orElse("any"), name.orElse("any"), "any");
        } catch (RegistryException e) {
            return List.of(); // as the file store: no module can have such a name
        }
        Buckets b = buckets();
        List<ModuleRecord> records = new ArrayList<>();
        List<String> keys;
        try {
            keys = b.tags().keys(TagKey.filter(org, name));
        } catch (Exception e) {
            throw failed("listing", e);
        }
        for (String key : keys) {
            TagKey.coordinates(key).ifPresent(c -> entry(b, key, c).ifPresent(e -> records.add(e.record(c))));
        }
        records.sort(ModuleRecord.BY_COORDINATES);
        return records;
    }

    @Override
    public boolean delete(ModuleCoordinates coordinates) {
        Buckets b = buckets();
        String key = TagKey.of(coordinates);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                KeyValueEntry current = b.tags().get(key);
                if (current == null) {
                    return false;
                }
                b.tags().delete(key, current.getRevision());
                deleteObject(b, TagEntry.parse(coordinates, current.getValue()).object());
                return true;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != NatsJetStreamConstants.JS_WRONG_LAST_SEQUENCE) {
                    throw failed("deleting " + coordinates, e);
                }
                // replaced in between: delete what is there now
            } catch (RegistryException e) {
                throw e;
            } catch (Exception e) {
                throw failed("deleting " + coordinates, e);
            }
        }
        throw new RegistryException(RegistryException.Reason.STORAGE, "deleting " + coordinates + " lost " + MAX_ATTEMPTS
                + " races in a row on " + description);
    }

    @Override
    protected void release() {
        NatsClients.close(connection);
    }

    private Optional<TagEntry> entry(Buckets b, String key, ModuleCoordinates coordinates) {
        KeyValueEntry e;
        try {
            e = b.tags().get(key);
        } catch (Exception ex) {
            throw failed("reading " + coordinates, ex);
        }
        return e == null ? Optional.empty() : Optional.of(TagEntry.parse(coordinates, e.getValue()));
    }

    /** Deletes an object no tag names any more; a failure leaves an object nobody reads (logged). */
    private void deleteObject(Buckets b, String object) {
        try {
            b.modules().delete(object);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "the registry could not delete object " + object + ", which no tag names, from " + description, e);
        }
    }

    /** Both buckets, created when they do not exist yet (creating an existing one with the same settings is a no-op). */
    private Buckets buckets() {
        Buckets made = buckets;
        if (made != null) {
            return made;
        }
        try {
            existing(() -> connection.keyValueManagement().create(KeyValueConfiguration.builder(bucket).storageType(StorageType.File).build()));
            existing(() -> connection.objectStoreManagement().create(ObjectStoreConfiguration.builder(bucket).storageType(StorageType.File).build()));
            made = new Buckets(connection.keyValue(bucket), connection.objectStore(bucket), connection.jetStreamManagement());
            buckets = made;
        } catch (Exception e) {
            throw failed("opening the buckets", e);
        }
        try {
            int swept = sweep(made);
            if (swept > 0) {
                LOG.info(() -> "the registry deleted " + swept + " upload(s) left unfinished or unnamed on " + description);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the registry could not sweep what dead uploads left on " + description + "; the next server start tries again", e);
        }
        return made;
    }

    /**
     * Deletes what a server killed in the middle of an upload left, once it is older than the orphan
     * age (so never an upload in flight on another server): chunks that no object names (killed while
     * sending them) and objects that no tag names (killed between the object and the tag's commit, or
     * before the replaced object was deleted). Run once per server, when the buckets are first opened.
     * Returns how many uploads it deleted.
     */
    int sweep(Buckets b) throws Exception {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (String key : b.tags().keys()) {
            Optional<ModuleCoordinates> c = TagKey.coordinates(key);
            if (c.isPresent()) {
                entry(b, key, c.get()).ifPresent(e -> named.add(e.object()));
            }
        }
        java.time.Instant before = clock.instant().minus(orphanAge);
        String stream = NatsObjectStoreUtil.toStreamName(bucket);
        String chunks = NatsObjectStoreUtil.toChunkPrefix(bucket);
        java.util.Set<String> live = new java.util.HashSet<>();
        int swept = 0;
        for (ObjectInfo object : b.modules().getList()) {
            live.add(object.getNuid());
            if (!named.contains(object.getObjectName()) && object.getModified().toInstant().isBefore(before)) {
                deleteObject(b, object.getObjectName());
                swept++;
            }
        }
        java.util.Map<String, Long> subjects = b.management().getStreamInfo(stream,
                io.nats.client.api.StreamInfoOptions.filterSubjects(chunks + ">")).getStreamState().getSubjectMap();
        for (String subject : subjects.keySet()) {
            if (!live.contains(subject.substring(chunks.length()))
                    && b.management().getFirstMessage(stream, subject).getTime().toInstant().isBefore(before)) {
                b.management().purgeStream(stream, io.nats.client.PurgeOptions.subject(subject));
                swept++;
            }
        }
        return swept;
    }


    private interface Creation {
        void run() throws IOException, JetStreamApiException;
    }

    /** Creates a bucket; one made by another server (or client version) with other settings is used as it is. */
    private void existing(Creation creation) throws IOException, JetStreamApiException {
        try {
            creation.run();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
            LOG.log(Level.FINE, "a registry bucket " + bucket + " exists with other settings", e);
        }
    }

    /** A jnats failure as the registry's: NATS not answering (I/O, a time-out) is UNAVAILABLE naming this backend, anything else STORAGE. */
    private RegistryException failed(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof RegistryException r) {
            return r;
        }
        if (e instanceof IOException || e instanceof InterruptedException || e instanceof IllegalStateException) {
            return new RegistryException(RegistryException.Reason.UNAVAILABLE, "the registry's backend, " + description + ", is unavailable ("
                    + what + " failed: " + e.getMessage() + ")", e);
        }
        return new RegistryException(RegistryException.Reason.STORAGE, what + " failed on " + description + ": " + e.getMessage(), e);
    }

}
