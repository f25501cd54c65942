// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one function may do and use. Guests see only what is granted here: the environment
 * variables listed (never the host's), files below {@code filesDirectory} (none when empty), and
 * outbound HTTP to the URL prefixes of {@code httpAllowList} (none when empty).
 *
 * @param environment variables {@code hostGetEnv} answers from
 * @param filesDirectory the directory {@code hostReadFile}/{@code hostWriteFile} are confined to
 * @param httpAllowList URL prefixes {@code hostHttp} may call, {@code *} for any
 * @param httpTimeout connect plus response time limit of one {@code hostHttp} call
 * @param callTimeout how long one call into the guest may run before it is interrupted
 * @param maxMemoryPages the most 64 KiB pages the guest's linear memory may grow to
 * @param maxIdleInstances how many ready instances to keep per function
 * @param keyNamespace where {@code hostRedis*} keep the guest's keys; empty: the namespace of the
 *     name the module is loaded under ({@link KeyNamespace#forLoadedName})
 * @param maxFileBytes the most bytes all files below {@code filesDirectory} may hold together
 * @param maxWriteBytes the most bytes one {@code hostWriteFile} may write
 */
public record FunctionSettings(
        Map<String, String> environment,
        Optional<Path> filesDirectory,
        List<String> httpAllowList,
        Duration httpTimeout,
        Duration callTimeout,
        int maxMemoryPages,
        int maxIdleInstances,
        Optional<KeyNamespace> keyNamespace,
        long maxFileBytes,
        long maxWriteBytes) {

    /** 16 MiB of linear memory: ten times what a TinyGo hello function touches. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 256;
    /** 64 MiB of files per function. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** 16 MiB per write: the most {@code hostReadFile} hands back, too. */
    public static final long DEFAULT_MAX_WRITE_BYTES = 16L * 1024 * 1024;

    public FunctionSettings {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(filesDirectory, "filesDirectory");
        httpAllowList = List.copyOf(Objects.requireNonNull(httpAllowList, "httpAllowList"));
        requirePositive(httpTimeout, "httpTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (maxMemoryPages < 1 || maxMemoryPages > 65536) {
            throw new IllegalArgumentException("maxMemoryPages must be 1..65536, was " + maxMemoryPages);
        }
        if (maxIdleInstances < 0) {
            throw new IllegalArgumentException("maxIdleInstances must be >= 0, was " + maxIdleInstances);
        }
        Objects.requireNonNull(keyNamespace, "keyNamespace");
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("maxFileBytes must be >= 0, was " + maxFileBytes);
        }
        if (maxWriteBytes < 0) {
            throw new IllegalArgumentException("maxWriteBytes must be >= 0, was " + maxWriteBytes);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** No environment, no files, no outbound HTTP; 10 s per call; 16 MiB of memory; keys in the function's own namespace. */
    public static FunctionSettings defaults() {
        return new FunctionSettings(
                Map.of(),
                Optional.empty(),
                List.of(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                DEFAULT_MAX_MEMORY_PAGES,
                Runtime.getRuntime().availableProcessors() * 2,
                Optional.empty(),
                DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_WRITE_BYTES);
    }

    public FunctionSettings withEnvironment(Map<String, String> env) {
        return new FunctionSettings(env, filesDirectory, httpAllowList, httpTimeout, callTimeout, maxMemoryPages, maxIdleInstances, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withFilesDirectory(Path dir) {
        return new FunctionSettings(environment, Optional.ofNullable(dir), httpAllowList, httpTimeout, callTimeout, maxMemoryPages, maxIdleInstances, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withHttpAllowList(List<String> allow) {
        return new FunctionSettings(environment, filesDirectory, allow, httpTimeout, callTimeout, maxMemoryPages, maxIdleInstances, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withHttpTimeout(Duration timeout) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, timeout, callTimeout, maxMemoryPages, maxIdleInstances, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withCallTimeout(Duration timeout) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, httpTimeout, timeout, maxMemoryPages, maxIdleInstances, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withMaxMemoryPages(int pages) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, httpTimeout, callTimeout, pages, maxIdleInstances, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withMaxIdleInstances(int count) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, httpTimeout, callTimeout, maxMemoryPages, count, keyNamespace, maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withKeyNamespace(KeyNamespace namespace) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, httpTimeout, callTimeout, maxMemoryPages, maxIdleInstances, Optional.of(namespace), maxFileBytes, maxWriteBytes);
    }

    public FunctionSettings withMaxFileBytes(long bytes) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, httpTimeout, callTimeout, maxMemoryPages, maxIdleInstances, keyNamespace, bytes, maxWriteBytes);
    }

    public FunctionSettings withMaxWriteBytes(long bytes) {
        return new FunctionSettings(environment, filesDirectory, httpAllowList, httpTimeout, callTimeout, maxMemoryPages, maxIdleInstances, keyNamespace, maxFileBytes, bytes);
    }
}
