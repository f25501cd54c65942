// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits Cap'n Proto schema text into tokens, each with its line and column (1-based). */
final class Lexer {
    enum Kind { IDENT, INT, FLOAT, STRING, DATA, ORDINAL, ID, SYMBOL, EOF }

    record Token(Kind kind, String text, byte[] bytes, int line, int column) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbol);
        }

        String describe() {
            return kind == Kind.EOF ? "end of file" : "'" + text + "'";
        }
    }

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    Lexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                out.add(new Token(Kind.EOF, "", null, line, column));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                return;
            }
        }
    }

    private char advance() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private Token next() {
        int l = line;
        int col = column;
        char c = peek(0);
        if (c == '@') {
            advance();
            if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
                advance();
                advance();
                String hex = take(ch -> Character.digit(ch, 16) >= 0);
                if (hex.isEmpty()) {
                    throw new SchemaException(file, l, col, "expected hex digits after '@0x'");
                }
                return new Token(Kind.ID, hex, null, l, col);
            }
            String digits = take(Character::isDigit);
            if (digits.isEmpty()) {
                throw new SchemaException(file, l, col, "expected an ordinal number or id after '@'");
            }
            return new Token(Kind.ORDINAL, digits, null, l, col);
        }
        if (c == '0' && (peek(1) == 'x' || peek(1) == 'X') && peek(2) == '"') {
            advance();
            advance();
            String hexText = readString(l, col);
            String hex = hexText.replaceAll("\\s", "");
            if (hex.length() % 2 != 0 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw new SchemaException(file, l, col, "bad hex data literal 0x\"" + hexText + "\"");
            }
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return new Token(Kind.DATA, "0x\"" + hexText + "\"", bytes, l, col);
        }
        if (Character.isDigit(c)) {
            return number(l, col);
        }
        if (Character.isLetter(c) || c == '_') {
            return new Token(Kind.IDENT, take(ch -> Character.isLetterOrDigit(ch) || ch == '_'), null, l, col);
        }
        if (c == '"') {
            String s = readString(l, col);
            return new Token(Kind.STRING, s, s.getBytes(StandardCharsets.UTF_8), l, col);
        }
        if (c == '-' && peek(1) == '>') {
            advance();
            advance();
            return new Token(Kind.SYMBOL, "->", null, l, col);
        }
        if ("{}()[];:=,.$-*".indexOf(c) >= 0) {
            advance();
            return new Token(Kind.SYMBOL, String.valueOf(c), null, l, col);
        }
        throw new SchemaException(file, l, col, "unexpected character '" + c + "'");
    }

    private Token number(int l, int col) {
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            advance();
            advance();
            String hex = take(ch -> Character.digit(ch, 16) >= 0);
            return new Token(Kind.INT, "0x" + hex, null, l, col);
        }
        StringBuilder sb = new StringBuilder(take(Character::isDigit));
        boolean isFloat = false;
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            isFloat = true;
            sb.append(advance()).append(take(Character::isDigit));
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            isFloat = true;
            sb.append(advance());
            if (peek(0) == '+' || peek(0) == '-') {
                sb.append(advance());
            }
            sb.append(take(Character::isDigit));
        }
        return new Token(isFloat ? Kind.FLOAT : Kind.INT, sb.toString(), null, l, col);
    }

    private String take(java.util.function.IntPredicate accept) {
        int start = pos;
        while (pos < text.length() && accept.test(text.charAt(pos))) {
            advance();
        }
        return text.substring(start, pos);
    }

    private String readString(int l, int col) {
        advance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder chunk = new StringBuilder();
        while (true) {
            if (pos >= text.length() || peek(0) == '\n') {
                throw new SchemaException(file, l, col, "unterminated string literal");
            }
            char c = advance();
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                chunk.append(c);
                continue;
            }
            char e = pos < text.length() ? advance() : '\0';
            switch (e) {
                case 'n' -> chunk.append('\n');
                case 't' -> chunk.append('\t');
                case 'r' -> chunk.append('\r');
                case '0' -> chunk.append('\0');
                case '\\', '"', '\'' -> chunk.append(e);
                case 'x' -> {
                    String hex = "" + advance() + advance();
                    try {
                        flush(chunk, out);
                        out.write(Integer.parseInt(hex, 16));
                    } catch (NumberFormatException ex) {
                        throw new SchemaException(file, line, column, "bad escape \\x" + hex);
                    }
                }
                default -> throw new SchemaException(file, line, column - 2, "unknown escape \\" + e);
            }
        }
        flush(chunk, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void flush(StringBuilder chunk, ByteArrayOutputStream out) {
        out.writeBytes(chunk.toString().getBytes(StandardCharsets.UTF_8));
        chunk.setLength(0);
    }
}
