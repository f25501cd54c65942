// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Redis glob pattern, as {@code KEYS} and {@code SCAN MATCH} read it: {@code *} any run of
 * characters, {@code ?} one character, {@code [abc]}, {@code [a-c]} (a reversed range is
 * swapped), {@code [^a]} negated, {@code \x} the character {@code x} literally, inside or outside
 * a class. Like Redis, an unclosed {@code [} is a class of the rest of the pattern. Unlike Redis,
 * which works on bytes, characters are Unicode code points, so {@code ?} matches one {@code é}.
 *
 * <p>Immutable and thread-safe. Matching is O(pattern x key) in the worst case, never exponential.
 */
public final class GlobPattern {
    private final String source;
    private final List<Token> tokens;

    private GlobPattern(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    public static GlobPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return new GlobPattern(pattern, parse(pattern.codePoints().toArray()));
    }

    public boolean matches(String key) {
        int[] s = key.codePoints().toArray();
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        // greedy match with backtracking to the last star: every other token eats exactly one character
        while (i < s.length) {
            if (p < tokens.size() && tokens.get(p).kind == Kind.STAR) {
                starP = p++;
                starI = i;
            } else if (p < tokens.size() && tokens.get(p).accepts(s[i])) {
                p++;
                i++;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < tokens.size() && tokens.get(p).kind == Kind.STAR) {
            p++;
        }
        return p == tokens.size();
    }

    @Override
    public String toString() {
        return source;
    }

    private static List<Token> parse(int[] pat) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < pat.length) {
            int c = pat[i];
            if (c == '*') {
                if (out.isEmpty() || out.get(out.size() - 1).kind != Kind.STAR) {
                    out.add(Token.STAR);
                }
                i++;
            } else if (c == '?') {
                out.add(Token.ANY);
                i++;
            } else if (c == '[') {
                i = parseClass(pat, i + 1, out);
            } else if (c == '\\' && i + 1 < pat.length) {
                out.add(Token.literal(pat[i + 1]));
                i += 2;
            } else {
                out.add(Token.literal(c));
                i++;
            }
        }
        return List.copyOf(out);
    }

    /** Parses a class starting after its '[' the way Redis's stringmatchlen does; returns the next index. */
    private static int parseClass(int[] pat, int start, List<Token> out) {
        int i = start;
        boolean negated = i < pat.length && pat[i] == '^';
        if (negated) {
            i++;
        }
        List<int[]> ranges = new ArrayList<>();
        while (i < pat.length) {
            int c = pat[i];
            if (c == '\\' && i + 1 < pat.length) {
                ranges.add(new int[] {pat[i + 1], pat[i + 1]});
                i += 2;
            } else if (c == ']') {
                i++;
                break;
            } else if (i + 2 < pat.length && pat[i + 1] == '-') {
                int lo = Math.min(c, pat[i + 2]);
                int hi = Math.max(c, pat[i + 2]);
                ranges.add(new int[] {lo, hi});
                i += 3;
            } else {
                ranges.add(new int[] {c, c});
                i++;
            }
        }
        out.add(new Token(Kind.CLASS, 0, ranges.toArray(new int[0][]), negated));
        return i;
    }

    private enum Kind { STAR, ANY, LITERAL, CLASS }

    private static final class Token {
        static final Token STAR = new Token(Kind.STAR, 0, null, false);
        static final Token ANY = new Token(Kind.ANY, 0, null, false);

        final Kind kind;
        final int literal;
        final int[][] ranges;
        final boolean negated;

        Token(Kind kind, int literal, int[][] ranges, boolean negated) {
            this.kind = kind;
            this.literal = literal;
            this.ranges = ranges;
            this.negated = negated;
        }

        static Token literal(int c) {
            return new Token(Kind.LITERAL, c, null, false);
        }

        boolean accepts(int c) {
            switch (kind) {
                case ANY:
                    return true;
                case LITERAL:
                    return c == literal;
                case CLASS:
                    boolean in = false;
                    for (int[] r : ranges) {
                        if (c >= r[0] && c <= r[1]) {
                            in = true;
                            break;
                        }
                    }
                    return in != negated;
                default:
                    return false;
            }
        }
    }
}
