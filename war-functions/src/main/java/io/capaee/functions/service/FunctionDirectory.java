// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Deploys what the functions directory holds: {@code NAME.wasm} as the default revision and
 * {@code NAME/REVISION.wasm} as a revision, picked up, replaced and removed without a restart.
 * The directory is polled (every {@code capa.functions.scan-interval}); a file is loaded once it has
 * kept the same size and time for one interval, so a copy still in progress is not half-read.
 * At start-up it also deploys the modules named by {@code capa.functions.<name>.wasm} / {@code .url}.
 */
@ApplicationScoped
public class FunctionDirectory {
    private static final Logger LOG = Logger.getLogger(FunctionDirectory.class.getName());
    private static final String SUFFIX = ".wasm";

    @Inject
    FunctionsConfig config;

    @Inject
    FunctionRegistry registry;

    @Inject
    WasmRuntime runtime;

    /** Per file: the (size, mtime) last seen, and whether that version was already handled. */
    private final Map<Path, Seen> seen = new HashMap<>();
    private ScheduledFuture<?> scan;

    private record Seen(long size, long modified, boolean handled) {}

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        deployDeclared();
        Path dir = config.directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FunctionsException("capa.functions.directory " + dir + " cannot be created: " + e.getMessage(), e);
        }
        scanNow(true);
        long interval = Math.max(50, config.scanInterval().toMillis());
        scan = runtime.scheduler().scheduleWithFixedDelay(() -> scanNow(false), interval, interval, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "watching {0} for wasm functions every {1} ms", new Object[] {dir.toAbsolutePath(), interval});
    }

    @PreDestroy
    void stop() {
        if (scan != null) {
            scan.cancel(false);
        }
    }

    /** One pass over the directory. At start-up files are loaded at once, without waiting. */
    synchronized void scanNow(boolean startup) {
        Path dir = config.directory();
        Set<Path> present = new HashSet<>();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).forEach(file -> {
                present.add(file);
                visit(dir, file, startup);
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "scanning " + dir + " failed", e);
            return;
        }
        for (Path gone : new HashSet<>(seen.keySet())) {
            if (!present.contains(gone)) {
                seen.remove(gone);
                Coordinates c = coordinates(dir, gone);
                if (c != null) {
                    registry.undeploy(c.name(), c.revision(), gone.toString());
                }
            }
        }
    }

    private void visit(Path dir, Path file, boolean startup) {
        Coordinates c = coordinates(dir, file);
        if (c == null) {
            return;
        }
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return; // vanished between listing and reading: the next pass sees it gone
        }
        Seen before = seen.get(file);
        boolean same = before != null && before.size() == size && before.modified() == modified;
        if (same && before.handled()) {
            return;
        }
        if (!same && !startup) {
            seen.put(file, new Seen(size, modified, false)); // changed: wait one interval until it settles
            return;
        }
        seen.put(file, new Seen(size, modified, true));
        try {
            registry.deploy(c.name(), c.revision(), Files.readAllBytes(file), file.toString());
        } catch (IOException | RuntimeException e) {
            // Already logged and listed by the registry; the old version keeps running.
        }
    }

    private record Coordinates(String name, String revision) {}

    private static Coordinates coordinates(Path dir, Path file) {
        Path rel = dir.relativize(file);
        String fileName = rel.getFileName().toString();
        String base = fileName.substring(0, fileName.length() - SUFFIX.length());
        Coordinates c = rel.getNameCount() == 1
                ? new Coordinates(base, FunctionRegistry.DEFAULT_REVISION)
                : new Coordinates(rel.getName(0).toString(), base);
        if (!FunctionsConfig.NAME.matcher(c.name()).matches() || !FunctionsConfig.NAME.matcher(c.revision()).matches()) {
            LOG.log(Level.WARNING, "ignoring {0}: function and revision names are letters, digits, '-', '_' and '.'", file);
            return null;
        }
        return c;
    }

    private void deployDeclared() {
        config.declaredModules().forEach((name, location) -> {
            try {
                registry.deploy(name, FunctionRegistry.DEFAULT_REVISION, read(location), location);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.SEVERE, "function {0} declared in configuration could not be deployed from {1}: {2}",
                        new Object[] {name, location, e.getMessage()});
            }
        });
    }

    private static byte[] read(String location) throws IOException {
        if (!location.startsWith("http://") && !location.startsWith("https://")) {
            return Files.readAllBytes(Path.of(location));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() >= 400) {
                    throw new IOException("GET " + location + " answered HTTP " + response.statusCode());
                }
                return body.readAllBytes();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + location + " interrupted", e);
        }
    }
}
