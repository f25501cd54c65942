// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenamedSettingsTest {

    @Test
    void aSettingOfAPrefixedAreaHadItsNameWithoutCapa() {
        for (String old : List.of("functions.directory", "functions.hello.timeout", "registry.directory", "invoke.apps")) {
            assertEquals(Optional.of(old), RenamedSettings.oldName("capa." + old), old);
        }
    }

    @Test
    void singleRenamesComeFromTheTable() {
        RenamedSettings.RENAMED.forEach((current, old) -> assertEquals(Optional.of(old), RenamedSettings.oldName(current)));
        assertEquals(Optional.of("capa.app-id"), RenamedSettings.oldName("capa.app.id"));
    }

    @Test
    void settingsThatKeptTheirNameHaveNoOldOne() {
        assertEquals(Optional.empty(), RenamedSettings.oldName("capa.kv.host"));
        assertEquals(Optional.empty(), RenamedSettings.oldName("capa.actors.idle-timeout"));
        assertEquals(Optional.empty(), RenamedSettings.oldName("http.port"));
        assertEquals(Optional.empty(), RenamedSettings.oldName("functions.directory"), "an old name is never renamed again");
    }

    @Test
    void anOldNameMapsToItsCurrentOne() {
        assertEquals("capa.functions.from-config.wasm", RenamedSettings.currentName("functions.from-config.wasm"));
        assertEquals("capa.app.id", RenamedSettings.currentName("capa.app-id"));
        assertEquals("capa.kv.host", RenamedSettings.currentName("capa.kv.host"));
    }
}
