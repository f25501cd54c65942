// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code -url}: fetches a module for the command line. Capsule took any URL, any status and any
 * size, and saved what came back (a redirect page included) as the module. Here the URL must be
 * https (plain http only on loopback, or with {@code -insecure}), redirects are followed only to
 * https, anything but a 2xx fails, the body is capped, an expected SHA-256 is checked, and the
 * file is written aside and moved into place only when all of that passed.
 *
 * @param maxBytes the largest module accepted
 * @param insecure whether plain http is allowed to any host
 * @param sha256 the expected digest (lower-case hex), if any
 */
record ModuleDownload(long maxBytes, boolean insecure, Optional<String> sha256) {
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    ModuleDownload {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("-max-bytes must be at least 1, was " + maxBytes);
        }
        sha256 = sha256.map(s -> s.toLowerCase(Locale.ROOT));
        if (sha256.isPresent() && !HEX_256.matcher(sha256.get()).matches()) {
            throw new IllegalArgumentException("-sha256 must be 64 hexadecimal digits, was '" + sha256.get() + "'");
        }
    }

    /** Downloads {@code url} to {@code target}; on any failure nothing is written there. */
    void fetch(HttpClient http, String url, Path target) throws IOException {
        URI uri = parse(url);
        if (!allowed(uri, insecure)) {
            throw new IOException(url + ": only https is allowed (plain http only on loopback, or with -insecure)");
        }
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response = send(http, uri);
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                    if (redirects == MAX_REDIRECTS) {
                        throw new IOException("downloading " + url + ": more than " + MAX_REDIRECTS + " redirects");
                    }
                    URI next = uri.resolve(response.headers().firstValue("Location").get());
                    if (!"https".equalsIgnoreCase(next.getScheme())) {
                        throw new IOException("downloading " + url + ": redirected to " + next + "; redirects are followed only to https");
                    }
                    uri = next;
                    continue;
                }
                if (status < 200 || status > 299) {
                    throw new IOException("downloading " + url + " answered HTTP " + status);
                }
                save(body, response.headers().firstValueAsLong("Content-Length"), url, target);
                return;
            }
        }
    }

    /** Checks a module file against {@code -sha256}, when given. */
    void verify(byte[] bytes, String what) throws IOException {
        if (sha256.isPresent()) {
            String actual = sha256(bytes);
            if (!actual.equals(sha256.get())) {
                throw new IOException(what + " has SHA-256 " + actual + ", not the expected " + sha256.get());
            }
        }
    }

    private void save(InputStream body, java.util.OptionalLong length, String url, Path target) throws IOException {
        if (length.isPresent() && length.getAsLong() > maxBytes) {
            throw new IOException("downloading " + url + ": " + length.getAsLong() + " bytes, more than -max-bytes=" + maxBytes);
        }
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), ".capsule-", ".download");
        try {
            MessageDigest digest = digest();
            long total = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[65536];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new IOException("downloading " + url + ": more than -max-bytes=" + maxBytes + " bytes");
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (sha256.isPresent() && !actual.equals(sha256.get())) {
                throw new IOException("downloading " + url + ": SHA-256 " + actual + ", not the expected " + sha256.get());
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static HttpResponse<InputStream> send(HttpClient http, URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid URL " + uri, e);
        }
    }

    private static URI parse(String url) throws IOException {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IOException("invalid URL " + url + ": it needs a scheme and a host");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IOException("invalid URL " + url + ": " + e.getMessage(), e);
        }
    }

    /** https anywhere; http to a loopback literal (no name is resolved to decide), or anywhere with -insecure. */
    static boolean allowed(URI uri, boolean insecure) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        if (!scheme.equals("http")) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return insecure || host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }
}
