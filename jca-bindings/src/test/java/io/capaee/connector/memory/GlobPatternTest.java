// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

    private static boolean m(String pattern, String key) {
        return GlobPattern.compile(pattern).matches(key);
    }

    @Test
    void aPatternWithoutWildcardsMatchesOnlyItself() {
        assertTrue(m("user:1", "user:1"));
        assertFalse(m("user:1", "user:10"));
        assertFalse(m("user:1", "user:"));
        assertTrue(m("", ""));
        assertFalse(m("", "a"));
    }

    @Test
    void starMatchesAnyRunOfCharactersIncludingNone() {
        assertTrue(m("*", ""));
        assertTrue(m("*", "anything at all"));
        assertTrue(m("user:*", "user:"));
        assertTrue(m("user:*:name", "user:42:name"));
        assertTrue(m("a*b*c", "aXXbYYc"));
        assertFalse(m("a*b*c", "aXXbYY"));
        assertTrue(m("**a**", "xxa"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertTrue(m("h?llo", "hello"));
        assertTrue(m("h?llo", "hallo"));
        assertFalse(m("h?llo", "hllo"));
        assertFalse(m("h?llo", "heello"));
    }

    @Test
    void questionMarkMatchesOneCodePointNotOneUtf16Unit() {
        assertTrue(m("caf?", "café"));
        assertTrue(m("?", "\uD83D\uDE00"));
    }

    @Test
    void bracketsMatchOneOfTheListedCharacters() {
        assertTrue(m("h[ae]llo", "hello"));
        assertTrue(m("h[ae]llo", "hallo"));
        assertFalse(m("h[ae]llo", "hillo"));
    }

    @Test
    void bracketRangesMatchEveryCharacterBetweenTheBounds() {
        assertTrue(m("key[a-c]", "keya"));
        assertTrue(m("key[a-c]", "keyb"));
        assertTrue(m("key[a-c]", "keyc"));
        assertFalse(m("key[a-c]", "keyd"));
        assertTrue(m("key[0-9][0-9]", "key42"));
    }

    @Test
    void aReversedRangeIsSwappedAsInRedis() {
        assertTrue(m("[c-a]", "b"));
    }

    @Test
    void caretNegatesAClass() {
        assertTrue(m("h[^e]llo", "hallo"));
        assertFalse(m("h[^e]llo", "hello"));
        assertFalse(m("[^a-c]", "b"));
        assertTrue(m("[^a-c]", "d"));
    }

    @Test
    void backslashEscapesWildcardsOutsideAndInsideClasses() {
        assertTrue(m("a\\*b", "a*b"));
        assertFalse(m("a\\*b", "aXb"));
        assertTrue(m("a\\?b", "a?b"));
        assertFalse(m("a\\?b", "aXb"));
        assertTrue(m("\\[x]", "[x]"));
        assertTrue(m("[\\]]", "]"));
        assertTrue(m("[\\-a]", "-"));
        assertTrue(m("a\\\\b", "a\\b"));
    }

    @Test
    void aTrailingBackslashMatchesItself() {
        assertTrue(m("a\\", "a\\"));
    }

    @Test
    void anUnclosedBracketIsAClassOfTheRestOfThePattern() {
        assertTrue(m("a[bc", "ab"));
        assertTrue(m("a[bc", "ac"));
        assertFalse(m("a[bc", "a[bc"));
    }

    @Test
    void anEmptyClassMatchesNothingAndItsNegationAnything() {
        assertFalse(m("a[]", "a]"));
        assertFalse(m("a[]", "ax"));
    }

    @Test
    void manyStarsOnALongKeyDoNotBlowUp() {
        String key = "a".repeat(5_000);
        assertFalse(m("*a*a*a*a*a*a*a*a*a*a*b", key));
    }
}
