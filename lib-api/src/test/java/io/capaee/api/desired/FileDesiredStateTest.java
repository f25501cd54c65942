// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDesiredStateTest {
    private static final Instant AT = Instant.parse("2026-12-06T14:00:00Z");

    @TempDir
    Path dir;

    private static DesiredEntry entry(String kind, String id, String value) {
        return new DesiredEntry(kind, id, Json.createObjectBuilder().add("v", value).build(), AT);
    }

    @Test
    void anEntryIsOneVersionedDocumentAtAPathNamedForItsKindAndId() throws Exception {
        new FileDesiredState(dir).put(entry("worker", "accg/v1", "a"));

        String document = Files.readString(dir.resolve("worker/accg~v1.json"), StandardCharsets.UTF_8);
        assertEquals("{\"format\":1,\"kind\":\"worker\",\"id\":\"accg/v1\",\"updatedAt\":\"2026-12-06T14:00:00Z\",\"spec\":{\"v\":\"a\"}}", document);
    }

    @Test
    void aWriteLeavesNoTemporaryFileAndAKilledWritesLeftoverIsDeletedWhenListed() throws Exception {
        FileDesiredState state = new FileDesiredState(dir);
        state.put(entry("worker", "a", "1"));
        try (var files = Files.list(dir.resolve("worker"))) {
            assertEquals(List.of("a.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        Files.writeString(dir.resolve("worker/.writing-123.tmp"), "{\"format\":1,\"ki");

        DesiredState.Listing listing = state.list("worker");

        assertEquals(List.of("a"), listing.entries().stream().map(DesiredEntry::id).toList());
        assertTrue(listing.unreadable().isEmpty());
        assertFalse(Files.exists(dir.resolve("worker/.writing-123.tmp")));
    }

    @Test
    void aDocumentOfAnotherFormatOrNotJsonIsReportedByPathAndKeptForTheOperator() throws Exception {
        Files.createDirectories(dir.resolve("connector"));
        Files.writeString(dir.resolve("connector/future.json"), "{\"format\":2,\"kind\":\"connector\",\"id\":\"future\",\"spec\":{}}");
        Files.writeString(dir.resolve("connector/broken.json"), "{\"format\":1,");

        DesiredState.Listing listing = new FileDesiredState(dir).list("connector");

        assertTrue(listing.entries().isEmpty());
        assertEquals(2, listing.unreadable().size());
        String future = listing.unreadable().get(dir.resolve("connector/future.json").toString());
        assertTrue(future.contains("format 2 is not 1"), future);
        assertTrue(listing.unreadable().get(dir.resolve("connector/broken.json").toString()).contains("not a JSON object"));
        assertTrue(Files.exists(dir.resolve("connector/broken.json")));
    }

    @Test
    void aDocumentWhoseIdDoesNotMatchItsFileNameIsReportedNotDeployedTwice() throws Exception {
        FileDesiredState state = new FileDesiredState(dir);
        state.put(entry("connector", "orders", "1"));
        Files.copy(dir.resolve("connector/orders.json"), dir.resolve("connector/orders-copy.json"));

        DesiredState.Listing listing = state.list("connector");

        assertEquals(List.of("orders"), listing.entries().stream().map(DesiredEntry::id).toList());
        assertTrue(listing.unreadable().get(dir.resolve("connector/orders-copy.json").toString()).contains("holds id 'orders'"));
    }

    @Test
    void anIdMayStartLikeAFunctionNameButNotLikeAHiddenFileOrAPath() {
        FileDesiredState state = new FileDesiredState(dir);
        state.put(entry("worker", "_private/v1", "1"));
        state.put(entry("worker", "-dash/v1", "2"));

        assertEquals(List.of("-dash/v1", "_private/v1"), state.list("worker").entries().stream().map(DesiredEntry::id).toList());
        assertThrows(IllegalArgumentException.class, () -> state.put(entry("worker", ".hidden", "1")));
        assertThrows(IllegalArgumentException.class, () -> state.put(entry("worker", "/abs", "1")));
    }

    @Test
    void anIdThatCouldLeaveTheDirectoryIsRefused() {
        FileDesiredState state = new FileDesiredState(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.put(entry("worker", "../x", "1")));
        assertTrue(e.getMessage().startsWith("id:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> state.remove("worker", "a/../../b"));
        assertThrows(IllegalArgumentException.class, () -> state.list("../worker"));
    }

    @Test
    void aStoreThatCannotWriteSaysWhere() throws Exception {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");

        DesiredStateException e = assertThrows(DesiredStateException.class, () -> new FileDesiredState(file).put(entry("worker", "a", "1")));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
