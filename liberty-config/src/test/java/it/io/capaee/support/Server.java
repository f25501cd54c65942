// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Predicate;

/** The running test server: its base URL, its directories, and a plain JDK HTTP client (also bench/java's). */
public final class Server {
    /** Capsule's answer (500) for a function the reverse proxy has no route to. */
    public static final String NO_ROUTE_BODY = "{\"code\":\"ERROR\",\"message\":\"\uD83D\uDE22 Houston? We have a problem \uD83E\uDD75\"}";
    public static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Server() {}

    /** The test server's application id ({@code capa.app.id}). */
    public static String appId() {
        return System.getProperty("it.app-id", "capa");
    }

    /**
     * The test server's URL: the port of the server Liberty's dev mode runs when the tests run from it (dev mode
     * hands failsafe {@code liberty.http.port}), otherwise the one {@code mvn verify} starts ({@code http.port}).
     */
    public static String base() {
        return "http://localhost:" + System.getProperty("liberty.http.port", System.getProperty("http.port", "9089"));
    }

    /** Whether the tests run from Liberty's dev mode, the only runner that sets {@code liberty.http.port}. */
    public static boolean inDevMode() {
        return System.getProperty("liberty.http.port") != null;
    }

    public static Path dir() {
        return Path.of(System.getProperty("capa.server.dir"));
    }

    public static Path functionsDir() {
        return dir().resolve("functions");
    }

    public static byte[] guest(String name) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("capa.guests.dir"), name + ".wasm"));
    }

    /** Removes the modules the tests dropped, so that a later liberty:run starts clean. */
    public static void removeDropped(String... relativeTargets) throws IOException {
        for (String target : relativeTargets) {
            Files.deleteIfExists(functionsDir().resolve(target));
        }
    }

    /** Drops a module into the functions directory the way operators should: write aside, then move. */
    public static void drop(String guest, String relativeTarget) throws IOException {
        Path target = functionsDir().resolve(relativeTarget);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(functionsDir(), "drop-", ".tmp");
        Files.write(temp, guest(guest));
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base() + path)));
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path));
    }

    /** Polls {@code path} until the response satisfies {@code done}, or fails after {@code limit}. */
    public static HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done, Duration limit) throws Exception {
        return await(path, () -> get(path), done, limit);
    }

    /** Polls with {@code fetch} (e.g. another client) until the response satisfies {@code done}, or fails after {@code limit}. */
    public static HttpResponse<String> await(String path, java.util.concurrent.Callable<HttpResponse<String>> fetch, Predicate<HttpResponse<String>> done,
                                      Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            last = fetch.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gave up waiting on " + path + "; last answer " + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }
}
