// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerAnnouncementTest {

    @Test
    void anAnnouncementReadsBackAsItWasWritten() {
        ServerAnnouncement a = new ServerAnnouncement("node-1", "http://10.0.0.5:9080", ServerAnnouncement.VERSION, 1_700_000_030_000L);
        assertEquals(Optional.of(a), ServerAnnouncement.parse(a.json()));
    }

    @Test
    void aValueThatIsNotAnAnnouncementIsSkipped() {
        assertEquals(Optional.empty(), ServerAnnouncement.parse("1700000030000"));
        assertEquals(Optional.empty(), ServerAnnouncement.parse("{\"id\":\"x\"}"));
        assertEquals(Optional.empty(), ServerAnnouncement.parse("not json"));
    }

    @Test
    void theUrlIsTheOriginOfTheWorkersLocalUrl() {
        assertEquals("http://localhost:9080", ServerAnnouncement.origin("http://localhost:9080/wasm/functions"));
        assertEquals("https://capa.example:8443", ServerAnnouncement.origin(" https://capa.example:8443/wasm/functions/ "));
    }

    @Test
    void theIdIsTheConfiguredOneOrTheHostAndPortAndKeepsToSafeCharacters() {
        assertEquals("node-1", ServerAnnouncement.serverId(" node-1 ", 9080));
        assertEquals("a_b_c", ServerAnnouncement.serverId("a b/c", 9080));
        assertTrue(ServerAnnouncement.serverId("", 9181).endsWith("-9181"));
    }

    @Test
    void theKeysOfEveryServerMatchOnePatternApartFromTheWorkersBeats() {
        assertEquals("capa:proxy:routes:servers:http://h:1", ServerAnnouncement.key("capa:proxy:routes", "http://h:1"));
        assertEquals("capa:proxy:routes:servers:*", ServerAnnouncement.pattern("capa:proxy:routes"));
        assertEquals("a\\[1\\]:servers:*", ServerAnnouncement.pattern("a[1]"), "a route key's glob characters match only themselves");
    }
}
