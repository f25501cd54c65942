// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FileNameTest {
    @Test
    void ordinaryNamesInAnyScriptAndWithDotsInsideSegmentsAreFileNames() {
        for (String ok : new String[] {"a", "a/b/c.txt", ".hidden", "a/..b/c..", "名前/ファイル", "emoji \uD83D\uDE00", "x".repeat(1024)}) {
            assertEquals(ok, FileName.check(ok));
        }
    }

    @Test
    void eachRefusalSaysWhichRuleTheNameBreaks() {
        Map<String, String> bad = Map.of(
                "..", "'..' segment",
                "a/../b", "'..' segment",
                "a/./b", "'.' segment",
                "/a", "empty segment",
                "a\\b", "backslash",
                "a\tb", "control character U+0009",
                "lone \uD800 surrogate", "not valid Unicode",
                "é".repeat(513), "longer than 1024 bytes");
        bad.forEach((name, why) -> {
            FileException e = assertThrows(FileException.class, () -> FileName.check(name), name);
            assertEquals(FileException.Reason.BAD_NAME, e.reason());
            assertTrue(e.getMessage().contains(why), e.getMessage());
            assertTrue(!e.getMessage().contains("\t"), "control characters are not echoed");
        });
    }

    @Test
    void metadataKeysAndSizesAreChecked() {
        assertEquals(Map.of("owner", "alice"), new FileMetadata(null, Map.of("owner", "alice")).user());
        assertEquals(FileMetadata.DEFAULT_TYPE, FileMetadata.none().contentType());
        FileException key = assertThrows(FileException.class, () -> new FileMetadata("text/plain", Map.of("Owner", "a")));
        assertEquals(FileException.Reason.BAD_REQUEST, key.reason());
        assertTrue(key.getMessage().contains("'Owner'"), key.getMessage());
        FileException big = assertThrows(FileException.class, () -> new FileMetadata("text/plain", Map.of("k", "v".repeat(9000))));
        assertTrue(big.getMessage().contains("8192"), big.getMessage());
    }
}
