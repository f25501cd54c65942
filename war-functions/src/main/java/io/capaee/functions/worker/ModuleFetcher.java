// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Gets a module's bytes for the worker, from the registry's store (the one the registry WAR
 * writes, {@code eis/capa/registry}: with the JetStream backend, whichever server it was uploaded
 * through) or a URL, and checks them against the expected digest: the registry's
 * record, and the one the request names, if any.
 */
final class ModuleFetcher {
    /** Bytes plus their digest. */
    record Fetched(byte[] bytes, String sha256, String source) {}

    private final ModuleStore store;
    private final HttpClient http;
    private final long maxBytes;

    ModuleFetcher(ModuleStore store, HttpClient http, long maxBytes) {
        this.store = store;
        this.http = http;
        this.maxBytes = maxBytes;
    }

    Fetched fromRegistry(String module, Optional<String> expectedDigest) {
        ModuleCoordinates coordinates;
        try {
            coordinates = ModuleCoordinates.parse(module);
        } catch (RegistryException e) {
            throw new WorkerException(400, e.getMessage(), e);
        }
        ModuleRecord record;
        try {
            record = store.find(coordinates).orElseThrow(() -> new WorkerException(404, "module " + coordinates + " is not in the registry"));
        } catch (RegistryException e) {
            throw new WorkerException(e.reason() == RegistryException.Reason.UNAVAILABLE ? 503 : 502,
                    "module " + coordinates + " could not be read from the registry: " + e.getMessage(), e);
        }
        byte[] bytes;
        try (InputStream in = store.open(coordinates)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException | RegistryException e) {
            throw new WorkerException(502, "module " + coordinates + " could not be read from the registry: " + e.getMessage(), e);
        }
        Fetched fetched = checked(bytes, "registry:" + coordinates, expectedDigest);
        if (!fetched.sha256().equals(record.sha256())) {
            throw new WorkerException(409, "module " + coordinates + " does not match the registry's digest " + record.sha256());
        }
        return fetched;
    }

    Fetched fromUrl(String url, Optional<String> expectedDigest) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new WorkerException(400, "downloadUrl '" + url + "' is not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new WorkerException(400, "downloadUrl must be http or https, was '" + url + "'");
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() >= 400) {
                    throw new WorkerException(502, "GET " + url + " answered HTTP " + response.statusCode());
                }
                return checked(body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1)), url, expectedDigest);
            }
        } catch (IOException e) {
            throw new WorkerException(502, "GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException(503, "download of " + url + " interrupted", e);
        }
    }

    private Fetched checked(byte[] bytes, String source, Optional<String> expectedDigest) {
        if (bytes.length > maxBytes) {
            throw new WorkerException(413, source + " is larger than capa.worker.max-module-bytes = " + maxBytes);
        }
        String sha256 = sha256(bytes);
        if (expectedDigest.isPresent() && !expectedDigest.get().equalsIgnoreCase(sha256)) {
            throw new WorkerException(409, source + " has digest " + sha256 + ", not the expected " + expectedDigest.get());
        }
        return new Fetched(bytes, sha256, source);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
