// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import io.capaee.api.files.FileConnection;
import io.capaee.api.files.FileConnectionFactory;
import io.capaee.api.files.FileStore;
import io.capaee.api.files.LocalFileStore;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsManagedConnectionFactory;
import io.capaee.connector.nats.NatsProperties;
import io.capaee.connector.outbound.ConnectionHandle;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File stores ({@code eis/capa/files/NAME}): {@code local}, a directory of this server (the
 * embedded default, {@link LocalFileStore}), or {@code nats}, a bucket of the NATS JetStream object
 * store, shared by every server on that NATS. A connection factory like the state and lock stores,
 * so that one server.xml shows every store and its NATS connection goes through
 * {@link NatsClients}, opened on first use and closed when the adapter stops. No file is larger
 * than {@code maxBytes}.
 */
@ConnectionDefinition(
        connectionFactory = FileConnectionFactory.class,
        connectionFactoryImpl = FileConnectionFactoryImpl.class,
        connection = FileConnection.class,
        connectionImpl = FileConnectionHandle.class)
public class FileManagedConnectionFactory extends NatsManagedConnectionFactory<FileStore> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "local", description = "Backend: local (a directory of this server) or nats (a JetStream object store bucket)")
    private String backend = "local";

    @ConfigProperty(defaultValue = "", description = "The directory of the local backend; created when missing")
    private String directory = "";

    @ConfigProperty(defaultValue = "capa-files", description = "The object store bucket of the nats backend; created when missing")
    private String bucket = "capa-files";

    @ConfigProperty(defaultValue = "104857600", description = "Largest file the store takes, in bytes (capa.files.max-bytes)")
    private Long maxBytes = 104857600L;

    @Override
    protected void validate() {
        checkedMaxBytes();
        if (natsBackend()) {
            nats().settings();
            checkedBucket();
        } else {
            checkedDirectory();
        }
    }

    @Override
    protected FileStore openBackend() throws ResourceException {
        if (!natsBackend()) {
            return new LocalFileStore(checkedDirectory());
        }
        return new NatsObjectFileStore(connectShared("capa-ee-files-" + bucket), checkedBucket());
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new FileConnectionHandle(checkedMaxBytes());
    }

    @Override
    public String describe() {
        return natsBackend() ? "nats bucket " + bucket + " on " + nats().describe() : "local " + directory;
    }

    long checkedMaxBytes() {
        if (maxBytes == null || maxBytes < 1) {
            throw new InvalidConfigException("maxBytes", maxBytes + " must be at least 1 (capa.files.max-bytes)");
        }
        return maxBytes;
    }

    private boolean natsBackend() {
        String b = backend == null ? "" : backend.strip().toLowerCase(Locale.ROOT);
        return switch (b) {
            case "local" -> false;
            case "nats" -> true;
            default -> throw new InvalidConfigException("backend", "'" + backend + "' is not a file store backend: use local or nats");
        };
    }

    private Path checkedDirectory() {
        if (directory == null || directory.isBlank()) {
            throw new InvalidConfigException("directory", "the local backend needs a directory (capa.files.local.directory)");
        }
        return Path.of(directory.strip());
    }

    private String checkedBucket() {
        return NatsProperties.checkBucket(bucket, "capa.files.STORE.bucket");
    }

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public Long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Long maxBytes) {
        this.maxBytes = maxBytes;
    }
}
