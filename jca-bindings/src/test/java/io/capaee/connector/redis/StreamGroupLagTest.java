// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.StreamGroupInfo;

/** The lag of a group in Redis 7's {@code XINFO GROUPS} reply. */
class StreamGroupLagTest {
    private static StreamGroupInfo group(String name, Long lag) {
        Map<String, Object> info = new HashMap<>(Map.of(StreamGroupInfo.NAME, name, StreamGroupInfo.CONSUMERS, 1L,
                StreamGroupInfo.PENDING, 0L));
        info.put("lag", lag);
        return new StreamGroupInfo(info);
    }

    @Test
    void theLagOfTheNamedGroupIsRead() {
        assertEquals(12, StreamGroupLag.of(List.of(group("other", 3L), group("capa", 12L)), "capa"));
    }

    @Test
    void aGroupWhoseLagRedisCannotTellOrThatIsAbsentHasNone() {
        assertThrows(IllegalStateException.class, () -> StreamGroupLag.of(List.of(group("capa", null)), "capa"));
        assertThrows(IllegalStateException.class, () -> StreamGroupLag.of(List.of(group("other", 1L)), "capa"));
    }
}
