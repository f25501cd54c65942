// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** hostReadFile / hostWriteFile (spec 2.5, 2.6) confined to the function's files directory. */
class HostFilesTest {
    private TestHost host;

    @TempDir
    Path root;

    private Path files;

    @BeforeEach
    void startHost() throws IOException {
        host = new TestHost();
        files = Files.createDirectory(root.resolve("files"));
        Files.writeString(root.resolve("secret.txt"), "secret");
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    private WasmFunction hostcalls(EngineKind kind) {
        return host.load(kind, "hostcalls", FunctionSettings.defaults().withFilesDirectory(files));
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @OnBothEngines
    void aWrittenFileIsCreatedInTheFilesDirectoryAndReadsBack(EngineKind kind) throws IOException {
        WasmFunction function = hostcalls(kind);

        assertEquals("file created", function.callCli(List.of("write", "note.txt", "h\u00e9llo \uD83C\uDF0D")).raw());
        assertEquals("h\u00e9llo \uD83C\uDF0D", Files.readString(files.resolve("note.txt")));
        assertEquals("h\u00e9llo \uD83C\uDF0D", function.callCli(List.of("read", "note.txt")).raw());
    }

    @OnBothEngines
    void writingReplacesTheContentAndLeavesNoTemporaryFileBehind(EngineKind kind) throws IOException {
        WasmFunction function = hostcalls(kind);

        function.callCli(List.of("write", "note.txt", "first version, longer"));
        function.callCli(List.of("write", "note.txt", "second"));

        assertEquals("second", Files.readString(files.resolve("note.txt")));
        assertEquals(List.of("note.txt"), namesIn(files));
    }

    @OnBothEngines
    void anEmptyFileReadsAsAnEmptyStringWithoutATrap(EngineKind kind) throws IOException {
        Files.createFile(files.resolve("empty.txt"));

        CliResult result = hostcalls(kind).callCli(List.of("read", "empty.txt"));

        // The guest received a zero-length string (Capsule trapped here, spec B1); its SDK
        // returns "" from the handler as the literal "empty".
        assertEquals("empty", result.raw());
        assertFalse(result.error().isPresent());
    }

    @OnBothEngines
    void readingAMissingFileIsAnError(EngineKind kind) {
        CliResult result = hostcalls(kind).callCli(List.of("read", "missing.txt"));

        assertEquals("open missing.txt: no such file or directory", result.error().orElseThrow().message());
    }

    @OnBothEngines
    void pathsLeavingTheDirectoryAreRejectedForReadAndWrite(EngineKind kind) throws IOException {
        WasmFunction function = hostcalls(kind);

        for (String path : List.of("../secret.txt", "/etc/passwd", "a/../../secret.txt", "..", "sub/../../secret.txt")) {
            CliResult read = function.callCli(List.of("read", path));
            assertTrue(read.error().isPresent(), "read " + path + " answered " + read.raw());
            CliResult write = function.callCli(List.of("write", path, "pwned"));
            assertTrue(write.error().isPresent(), "write " + path + " answered " + write.raw());
        }
        assertEquals("secret", Files.readString(root.resolve("secret.txt")));
        assertEquals(List.of("files", "secret.txt"), namesIn(root));
        assertEquals(List.of(), namesIn(files));
    }

    @OnBothEngines
    void aSymlinkToAFileOutsideIsNeitherReadNorWritten(EngineKind kind) throws IOException {
        Files.createSymbolicLink(files.resolve("link.txt"), root.resolve("secret.txt"));
        WasmFunction function = hostcalls(kind);

        CliResult read = function.callCli(List.of("read", "link.txt"));
        CliResult write = function.callCli(List.of("write", "link.txt", "pwned"));

        assertTrue(read.error().isPresent(), read.raw());
        assertFalse(read.raw().contains("secret"), read.raw());
        assertTrue(write.error().isPresent(), write.raw());
        assertEquals("secret", Files.readString(root.resolve("secret.txt")));
    }

    @OnBothEngines
    void aSymlinkedDirectoryPointingOutsideIsNeitherReadNorWritten(EngineKind kind) throws IOException {
        Path outside = Files.createDirectory(root.resolve("outside"));
        Files.writeString(outside.resolve("inner.txt"), "private");
        Files.createSymbolicLink(files.resolve("dir"), outside);
        WasmFunction function = hostcalls(kind);

        CliResult read = function.callCli(List.of("read", "dir/inner.txt"));
        CliResult write = function.callCli(List.of("write", "dir/new.txt", "pwned"));
        CliResult deeper = function.callCli(List.of("write", "dir/sub/new.txt", "pwned"));

        assertTrue(read.error().isPresent(), read.raw());
        assertTrue(write.error().isPresent(), write.raw());
        assertTrue(deeper.error().isPresent(), deeper.raw());
        assertEquals(List.of("inner.txt"), namesIn(outside));
    }

    @OnBothEngines
    void withoutAFilesDirectoryReadAndWriteAreErrors(EngineKind kind) {
        WasmFunction function = host.load(kind, "hostcalls");

        CliResult read = function.callCli(List.of("read", "note.txt"));
        CliResult write = function.callCli(List.of("write", "note.txt", "x"));

        assertEquals("file access is not enabled for this function", read.error().orElseThrow().message());
        assertEquals("file access is not enabled for this function", write.error().orElseThrow().message());
    }
}
