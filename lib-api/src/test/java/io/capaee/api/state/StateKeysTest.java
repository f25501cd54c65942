// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateKeysTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "a.b", "...", ".a", "a..b", "a b", "a:b@c", "a%b", "a?b", "a;b", "a+b&c=d", "é€😀", "||x"})
    void keysThatAPathCanNameAreWritable(String key) {
        assertEquals(Optional.empty(), StateKeys.whyNotWritable(key));
        assertEquals(key, StateKeys.checkWritable(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\\b", "a#b", "a\u0000b", "a\nb", "a\u007Fb"})
    void keysThatNoPathCanNameAreRefused(String key) {
        assertThrows(InvalidStateRequestException.class, () -> StateKeys.checkWritable(key));
    }

    @Test
    void theRefusalNamesTheKeyAndWhy() {
        assertEquals("state key 'a/b' contains '/', which a URL path cannot carry encoded",
                assertThrows(InvalidStateRequestException.class, () -> StateKeys.checkWritable("a/b")).getMessage());
        assertEquals("state key '..' is a path segment that cannot be addressed ('.' and '..' are not keys)",
                StateKeys.whyNotWritable("..").orElseThrow());
        assertEquals("state key 'a\\u0000b' contains a control character (U+0000), which a URL path cannot carry",
                StateKeys.whyNotWritable("a\u0000b").orElseThrow());
    }
}
