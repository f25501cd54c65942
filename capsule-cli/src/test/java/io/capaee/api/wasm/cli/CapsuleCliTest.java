// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.testing.Guests;
import io.capaee.testing.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code capsule} command line, run in-process with captured output. */
class CapsuleCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> hostEnvironment, String... args) {
        return new CapsuleCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), hostEnvironment).run(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String wasm(String guest) {
        return "-wasm=" + Guests.path(guest);
    }

    @Test
    void runsTheCliHandlerPrintingLogLinesThenTheResult() {
        int code = run(wasm("hello-cli"), "-mode=cli", "-files=" + dir, "a", "b");

        assertEquals(0, code, errText());
        assertEquals(List.of("args: 2", "Hello a,b"), outLines());
    }

    @Test
    void theInterpreterGivesTheSameAnswer() {
        assertEquals(0, run(wasm("hello-cli"), "-interpreter", "a", "b c"), errText());
        assertEquals(List.of("args: 2", "Hello a,b c"), outLines());
    }

    @Test
    void aHandlerErrorPrintsTheMessageAndExitsOne() {
        int code = run(wasm("hello-cli"), "-mode=cli", "fail");

        assertEquals(1, code);
        assertEquals(List.of("args: 1", "boom"), outLines());
    }

    @Test
    void versionPrintsTheVersion() {
        assertEquals(0, run("-version"));
        assertEquals(List.of(CapsuleCli.VERSION), outLines());
    }

    @Test
    void noArgumentsPrintUsageAndExitTwo() {
        assertEquals(2, run());
        assertTrue(errText().startsWith("usage: capsule"), errText());
    }

    @Test
    void anUnknownFlagExitsTwo() {
        assertEquals(2, run(wasm("hello-cli"), "-nope=1"));
        assertTrue(errText().contains("flag provided but not defined: -nope"), errText());
    }

    @Test
    void httpModeIsRefusedWithAClearMessage() {
        assertEquals(2, run(wasm("hello-http"), "-mode=http"));
        assertTrue(errText().contains("mode 'http' is not a command-line mode"), errText());
        assertEquals(List.of(), outLines());
    }

    @Test
    void aMissingFileExitsTwo() {
        assertEquals(2, run("-wasm=" + dir.resolve("nope.wasm"), "a"));
        assertTrue(errText().contains("Error while loading the wasm file"), errText());
    }

    @Test
    void anInvalidModuleExitsTwo() {
        assertEquals(2, run(wasm("invalid")));
        assertTrue(errText().startsWith("Error: "), errText());
    }

    @Test
    void aModuleIsDownloadedSavedAndRun() throws IOException {
        byte[] module = Guests.bytes("hello-cli");
        Path target = dir.resolve("sub/dir/hello.wasm");
        try (LocalHttpServer server = new LocalHttpServer()
                .route("/hello.wasm", exchange -> LocalHttpServer.reply(exchange, 200, Map.of("Content-Type", "application/wasm"), module))) {

            int code = run("-url=" + server.base() + "/hello.wasm", "-wasm=" + target, "x");

            assertEquals(0, code, errText());
            assertArrayEquals(module, Files.readAllBytes(target));
            assertEquals(List.of("\uD83D\uDCE5 file to download " + server.base() + "/hello.wasm", "\uD83D\uDCE6 file saved as " + target,
                    "args: 1", "Hello x"), outLines());
            assertEquals(List.of("hello.wasm"), names(target.getParent()));
        }
    }

    @Test
    void aFailedDownloadExitsTwoAndWritesNothing() throws IOException {
        Path target = dir.resolve("hello.wasm");
        Files.writeString(dir.resolve("keep.txt"), "x");
        try (LocalHttpServer server = new LocalHttpServer().route("/", exchange -> LocalHttpServer.reply(exchange, 404, "404 page not found"))) {

            int code = run("-url=" + server.base() + "/missing.wasm", "-wasm=" + target);

            assertEquals(2, code);
            assertTrue(errText().contains("HTTP 404"), errText());
            assertFalse(Files.exists(target));
            assertEquals(List.of("keep.txt"), names(dir));
        }
    }

    @Test
    void envFlagsGrantVariablesToTheGuest() {
        Map<String, String> host = Map.of("FROM_HOST", "host value", "SECRET", "s3cr3t");

        assertEquals(0, run(host, wasm("hostcalls"), "-env=NAME=the value", "-env=FROM_HOST", "env", "NAME"), errText());
        assertEquals(0, run(host, wasm("hostcalls"), "-env=FROM_HOST", "env", "FROM_HOST"), errText());
        assertEquals(1, run(host, wasm("hostcalls"), "-env=FROM_HOST", "env", "SECRET"));

        assertEquals(List.of("the value", "host value", "SECRET is empty"), outLines());
    }

    @Test
    void aTimeoutStopsAnEndlessLoopQuickly() {
        long start = System.nanoTime();
        int code = run(wasm("hostcalls"), "-timeout=300ms", "loop");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(2, code);
        assertTrue(errText().contains("ran longer than its limit of 300 ms"), errText());
        assertTrue(elapsedMs < 3000, "took " + elapsedMs + " ms");
    }

    @Test
    void filesAreConfinedToTheFilesDirectory() throws IOException {
        assertEquals(0, run(wasm("hostcalls"), "-files=" + dir, "write", "out.txt", "hi"), errText());
        assertEquals(1, run(wasm("hostcalls"), "-files=" + dir, "write", "../escape.txt", "hi"));

        assertEquals("hi", Files.readString(dir.resolve("out.txt")));
        assertFalse(Files.exists(dir.resolveSibling("escape.txt")));
    }

    @Test
    void withoutFilesTheGuestHasNoFileAccessAtAll() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        String name = "capsule-cli-test-" + System.nanoTime() + ".txt";

        assertEquals(1, run(wasm("hostcalls"), "write", name, "hi"));

        assertFalse(Files.exists(cwd.resolve(name)));
        assertEquals(List.of("file access is not enabled for this function"), outLines());
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeAnyConnection() {
        Path target = dir.resolve("hello.wasm");

        assertEquals(2, run("-url=http://modules.invalid/hello.wasm", "-wasm=" + target));

        assertTrue(errText().contains("only https is allowed"), errText());
        assertFalse(Files.exists(target));
    }

    @Test
    void aRedirectPageIsNeverSavedAsTheModuleAndRedirectsGoOnlyToHttps() throws IOException {
        Path target = dir.resolve("hello.wasm");
        try (LocalHttpServer server = new LocalHttpServer()
                .route("/moved", exchange -> LocalHttpServer.reply(exchange, 302, Map.of("Location", "/hello.wasm"), "moved".getBytes(StandardCharsets.UTF_8)))
                .route("/page", exchange -> LocalHttpServer.reply(exchange, 301, "<html>moved</html>"))
                .route("/hello.wasm", exchange -> LocalHttpServer.reply(exchange, 200, Map.of(), Guests.bytes("hello-cli")))) {

            assertEquals(2, run("-url=" + server.base() + "/moved", "-wasm=" + target));
            assertTrue(errText().contains("redirects are followed only to https"), errText());
            assertEquals(2, run("-url=" + server.base() + "/page", "-wasm=" + target));
            assertTrue(errText().contains("answered HTTP 301"), errText());

            assertEquals(List.of(), names(dir));
        }
    }

    @Test
    void aModuleLargerThanMaxBytesIsRefusedAndNothingIsWritten() throws IOException {
        byte[] module = Guests.bytes("hello-cli");
        Path target = dir.resolve("hello.wasm");
        try (LocalHttpServer server = new LocalHttpServer()
                .route("/hello.wasm", exchange -> LocalHttpServer.reply(exchange, 200, Map.of(), module))) {

            assertEquals(2, run("-url=" + server.base() + "/hello.wasm", "-max-bytes=" + (module.length - 1), "-wasm=" + target));

            assertTrue(errText().contains("-max-bytes=" + (module.length - 1)), errText());
            assertEquals(List.of(), names(dir));
        }
    }

    @Test
    void aModuleWhoseDigestDiffersFromSha256IsNotSavedNorRun() throws IOException {
        byte[] module = Guests.bytes("hello-cli");
        Path target = dir.resolve("hello.wasm");
        String right = ModuleDownload.sha256(module);
        String wrong = "0".repeat(64);
        try (LocalHttpServer server = new LocalHttpServer()
                .route("/hello.wasm", exchange -> LocalHttpServer.reply(exchange, 200, Map.of(), module))) {

            assertEquals(2, run("-url=" + server.base() + "/hello.wasm", "-sha256=" + wrong, "-wasm=" + target, "x"));
            assertTrue(errText().contains("not the expected " + wrong), errText());
            assertEquals(List.of(), names(dir));

            assertEquals(0, run("-url=" + server.base() + "/hello.wasm", "-sha256=" + right.toUpperCase(java.util.Locale.ROOT), "-wasm=" + target, "x"), errText());
            assertEquals("Hello x", outLines().get(outLines().size() - 1));
        }
    }

    @Test
    void sha256IsCheckedForALocalModuleToo() {
        assertEquals(2, run(wasm("hello-cli"), "-sha256=" + "a".repeat(64), "x"));
        assertTrue(errText().contains("not the expected " + "a".repeat(64)), errText());
        assertEquals(List.of(), outLines());
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
