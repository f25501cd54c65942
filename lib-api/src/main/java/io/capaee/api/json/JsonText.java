// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.json;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses a request or message body as one JSON value. Every body that arrives as bytes goes
 * through here, never through a JSON-P reader on an {@code InputStream}: the stream reader
 * guesses the encoding from the first bytes and refuses a body shorter than two of them
 * ("Cannot auto-detect encoding, not enough chars"), so {@code 1} or {@code 7} would be
 * rejected. JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1): the bytes are
 * decoded strictly as UTF-8 (a leading byte order mark is skipped) and parsed as text.
 * Thread-safe; holds no state but the provider.
 */
public final class JsonText {
    private static final JsonProvider JSON = Jsonp.provider();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private JsonText() {}

    /**
     * The single JSON value of {@code body}.
     *
     * @throws JsonException when the body is empty, not UTF-8, or not exactly one JSON value
     */
    public static JsonValue parse(byte[] body) {
        return parse(utf8(body));
    }

    /**
     * The single JSON value of {@code text}.
     *
     * @throws JsonException when the text is empty or not exactly one JSON value
     */
    public static JsonValue parse(String text) {
        String json = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        if (json.isBlank()) {
            throw new JsonException("the body is empty, not JSON");
        }
        // a parser, not a reader: JSON-P's reader stops after the first value and ignores the rest
        try (var parser = JSON.createParser(new StringReader(json))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonException("the body holds more than one JSON value");
            }
            return value;
        }
    }

    /** The body as UTF-8 text; malformed bytes are an error, never silently replaced. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("the body is not UTF-8 text: " + e.getMessage(), e);
        }
    }
}
