// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox directly: links swapped in while it works, and the write quotas. */
class FileSandboxTest {
    private static final int ROUNDS = 3000;

    @TempDir
    Path root;

    private Path files() throws IOException {
        return Files.createDirectories(root.resolve("files"));
    }

    @Test
    void aFileSwappedForALinkWhileItIsReadIsNeverFollowed() throws Exception {
        Path files = files();
        Files.writeString(root.resolve("secret.txt"), "secret");
        Files.writeString(files.resolve("note.txt"), "public");
        FileSandbox sandbox = new FileSandbox(Optional.of(files), 1 << 20, 1 << 20);

        int leaked = race(() -> {
            swap(files.resolve("note.txt"), files, true, root.resolve("secret.txt"));
            swap(files.resolve("note.txt"), files, false, null);
        }, () -> {
            try {
                return sandbox.read("note.txt").contains("secret");
            } catch (IOException e) {
                return false;
            }
        });

        assertEquals(0, leaked, "reads that followed the link out");
    }

    @Test
    void aDirectorySwappedForALinkWhileItIsWrittenIsNeverFollowed() throws Exception {
        Path files = files();
        Path outside = Files.createDirectory(root.resolve("outside"));
        Files.createDirectory(files.resolve("dir"));
        FileSandbox sandbox = new FileSandbox(Optional.of(files), 1 << 20, 1 << 20);

        race(() -> {
            swapDirectory(files.resolve("dir"), files, outside);
        }, () -> {
            try {
                sandbox.write("dir/new.txt", "pwned");
            } catch (IOException e) {
                // refused or raced: both fine, as long as nothing lands outside
            }
            return false;
        });

        assertEquals(List.of(), names(outside), "files written through the link");
    }

    @Test
    void aWriteOverThePerWriteLimitIsRefusedAndWritesNothing() throws IOException {
        Path files = files();
        FileSandbox sandbox = new FileSandbox(Optional.of(files), 1000, 10);

        IOException e = assertThrows(IOException.class, () -> sandbox.write("big.txt", "12345678901"));

        assertEquals("big.txt: a write of 11 bytes is over the function's limit of 10 bytes per write", e.getMessage());
        assertEquals(List.of(), names(files));
    }

    @Test
    void aWriteThatWouldTakeTheFilesOverTheQuotaIsRefusedAndTheOthersStay() throws IOException {
        Path files = files();
        FileSandbox sandbox = new FileSandbox(Optional.of(files), 100, 100);
        sandbox.write("a.txt", "x".repeat(60));
        sandbox.write("sub/b.txt", "y".repeat(30));

        IOException e = assertThrows(IOException.class, () -> sandbox.write("c.txt", "z".repeat(11)));

        assertTrue(e.getMessage().contains("over its quota of 100 bytes"), e.getMessage());
        assertEquals(List.of("a.txt", "sub"), names(files));
        assertEquals("x".repeat(60), Files.readString(files.resolve("a.txt")));
    }

    @Test
    void replacingAFileCountsOnlyTheDifference() throws IOException {
        Path files = files();
        FileSandbox sandbox = new FileSandbox(Optional.of(files), 100, 100);
        sandbox.write("a.txt", "x".repeat(90));

        sandbox.write("a.txt", "y".repeat(100));

        assertEquals("y".repeat(100), Files.readString(files.resolve("a.txt")));
        assertThrows(IOException.class, () -> sandbox.write("b.txt", "z"));
    }

    @Test
    void errorsNameTheGuestsPathNeverTheServersDirectory() throws IOException {
        Path files = files();
        Files.createSymbolicLink(files.resolve("link.txt"), root.resolve("elsewhere.txt"));
        Files.writeString(root.resolve("elsewhere.txt"), "x");
        FileSandbox sandbox = new FileSandbox(Optional.of(files), 100, 100);

        for (String path : List.of("link.txt", "missing/x.txt", "link.txt/x")) {
            IOException e = assertThrows(IOException.class, () -> sandbox.read(path));
            assertFalse(e.getMessage().contains(root.toString()), e.getMessage());
        }
    }

    /** Runs {@code flip} in a loop while {@code probe} runs {@value #ROUNDS} times; counts the probes that answered true. */
    private static int race(ThrowingRunnable flip, java.util.function.BooleanSupplier probe) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    flip.run();
                } catch (Exception e) {
                    // a concurrent rename lost: try again
                }
            }
        });
        flipper.start();
        int hits = 0;
        try {
            for (int i = 0; i < ROUNDS; i++) {
                if (probe.getAsBoolean()) {
                    hits++;
                }
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        return hits;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Atomically replaces {@code target} by a link to {@code linkTo} or by a regular file. */
    private static void swap(Path target, Path dir, boolean link, Path linkTo) throws IOException {
        Path temp = dir.resolve(".swap");
        Files.deleteIfExists(temp);
        if (link) {
            Files.createSymbolicLink(temp, linkTo);
        } else {
            Files.writeString(temp, "public");
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Flips {@code target} between a real directory and a link to {@code linkTo}. */
    private static void swapDirectory(Path target, Path dir, Path linkTo) throws IOException {
        Path aside = dir.resolve(".aside");
        Path link = dir.resolve(".link");
        if (Files.isSymbolicLink(target)) {
            Files.move(target, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, linkTo);
            }
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.move(link, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
