// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.capaee.api.registry.FileModuleStore;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.ModuleStoreConnection;
import io.capaee.api.registry.ModuleStoreConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsManagedConnectionFactory;
import io.capaee.connector.nats.NatsProperties;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The module registry's store ({@code eis/capa/registry}), the one the registry WAR writes and every
 * worker deploys from: {@code file}, a directory of this server (the embedded default,
 * {@link FileModuleStore}), or {@code jetstream}, a bucket of NATS JetStream that every server on
 * that NATS shares ({@link JetStreamModuleStore}). A connection factory like the file stores, so that
 * one server.xml shows it and its NATS connection goes through {@link NatsClients} with the NATS
 * settings every other NATS factory has ({@code capa.nats.servers}), opened on first use.
 */
@ConnectionDefinition(
        connectionFactory = ModuleStoreConnectionFactory.class,
        connectionFactoryImpl = ModuleStoreConnectionFactoryImpl.class,
        connection = ModuleStoreConnection.class,
        connectionImpl = ModuleStoreConnectionHandle.class)
public class ModuleStoreManagedConnectionFactory extends NatsManagedConnectionFactory<ModuleStore> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "file", description = "Backend: file (a directory of this server) or jetstream (a NATS JetStream bucket shared by every server)")
    private String backend = "file";

    @ConfigProperty(defaultValue = "", description = "The directory of the file backend (capa.registry.directory); created when missing")
    private String directory = "";

    @ConfigProperty(defaultValue = "capa-registry", description = "The key/value and object store buckets of the jetstream backend; created when missing")
    private String bucket = "capa-registry";

    @Override
    protected void validate() {
        if (jetStream()) {
            nats().settings();
            checkedBucket();
        } else {
            checkedDirectory();
        }
    }

    @Override
    protected ModuleStore openBackend() throws ResourceException {
        if (!jetStream()) {
            return new FileModuleStore(checkedDirectory());
        }
        return new JetStreamModuleStore(connectShared("capa-ee-registry-" + bucket), checkedBucket(), describe());
    }

    @Override
    public String describe() {
        return jetStream() ? "jetstream bucket " + bucket + " on " + nats().describe() : "file " + directory;
    }

    private boolean jetStream() {
        String b = backend == null ? "" : backend.strip().toLowerCase(Locale.ROOT);
        return switch (b) {
            case "file" -> false;
            case "jetstream" -> true;
            default -> throw new InvalidConfigException("backend", "'" + backend + "' is not a registry backend: use file or jetstream (capa.registry.backend)");
        };
    }

    private Path checkedDirectory() {
        if (directory == null || directory.isBlank()) {
            throw new InvalidConfigException("directory", "the file backend needs a directory (capa.registry.directory)");
        }
        return Path.of(directory.strip());
    }

    private String checkedBucket() {
        return NatsProperties.checkBucket(bucket, "capa.registry.jetstream.bucket");
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
}
