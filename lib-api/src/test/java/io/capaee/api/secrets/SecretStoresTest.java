// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoresTest {
    @TempDir
    Path dir;

    @Test
    void aJsonFileIsFlattenedWithTheSeparatorAsDaprDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"db\":{\"password\":\"pw\",\"port\":5432},\"token\":\"t\",\"none\":null}");
        SecretStore store = new JsonFileSecretStore(file, null);
        assertEquals(Optional.of(Map.of("db:password", "pw")), store.get("db:password"));
        assertEquals(Optional.of(Map.of("db:port", "5432")), store.get("db:port"));
        assertEquals(Optional.empty(), store.get("db"));
        assertEquals(Set.of("db:password", "db:port", "token"), store.bulk().keySet());
    }

    @Test
    void aBrokenFileIsReportedWithoutItsContent() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"token\": \"hunter2\" oops}");
        SecretException e = assertThrows(SecretException.class, () -> new JsonFileSecretStore(file, ":").get("token"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("oops"), e.getMessage());
    }

    @Test
    void theEnvironmentStoreExposesOnlyItsAllowList() {
        Map<String, String> env = Map.of("DB_PASSWORD", "pw", "PATH", "/bin");
        SecretStore store = new EnvSecretStore(Set.of("DB_PASSWORD", "UNSET"), env::get);
        assertEquals(Optional.of(Map.of("DB_PASSWORD", "pw")), store.get("DB_PASSWORD"));
        assertEquals(Optional.empty(), store.get("PATH"));
        assertEquals(Optional.empty(), store.get("UNSET"));
        assertEquals(Map.of("DB_PASSWORD", Map.of("DB_PASSWORD", "pw")), store.bulk());
    }
}
