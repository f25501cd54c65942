// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import io.capaee.api.json.JsonStrings;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Re-serialises JSON the way Capsule's Go host does (encoding/json over a generic map): compact,
 * object keys sorted, numbers through float64, {@code <>&} and U+2028/9 escaped. Guests of
 * Capsule 0.1.x receive request bodies and produce responses in this form, so it is part of
 * the observable contract. JSON-P parses; the printing rules are Go's and no library has them.
 */
public final class GoJson {
    private static final JsonProvider JSON = Jsonp.provider();

    private static final Comparator<String> GO_KEY_ORDER = GoJson::compareCodePoints;

    /**
     * Objects and arrays nested deeper than this are refused rather than written recursively
     * into a StackOverflowError; no request or response a Capsule function exchanges comes near.
     */
    public static final int MAX_DEPTH = 128;

    private GoJson() {}

    /** The Go form of a JSON object; empty when {@code text} is not a single JSON object. */
    public static Optional<String> reserialiseObject(String text) {
        return parse(text).filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT).flatMap(GoJson::writeWithinDepth);
    }

    private static Optional<String> writeWithinDepth(JsonValue value) {
        try {
            return Optional.of(write(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Capsule's response rule: text that starts with {@code [} and ends with {@code ]} must be an
     * array of objects; anything else must be an object or {@code null}. Empty when it is not.
     */
    public static Optional<String> reserialiseResponse(String text) {
        String trimmed = text.stripLeading();
        boolean arrayShaped = text.startsWith("[") && text.endsWith("]");
        Optional<JsonValue> value = parse(trimmed);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonValue v = value.get();
        if (arrayShaped) {
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                return Optional.empty();
            }
            for (JsonValue item : v.asJsonArray()) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    return Optional.empty();
                }
            }
            return writeWithinDepth(v);
        }
        if (v.getValueType() == JsonValue.ValueType.OBJECT || v.getValueType() == JsonValue.ValueType.NULL) {
            return writeWithinDepth(v);
        }
        return Optional.empty();
    }

    private static Optional<JsonValue> parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return Optional.of(reader.readValue());
        } catch (jakarta.json.JsonException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes {@code value} compactly with Go's rules.
     *
     * @throws IllegalArgumentException when objects and arrays are nested deeper than {@link #MAX_DEPTH}
     */
    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 1);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out, int depth) {
        boolean container = value.getValueType() == JsonValue.ValueType.OBJECT || value.getValueType() == JsonValue.ValueType.ARRAY;
        if (container && depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON objects and arrays nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                List<String> keys = new ArrayList<>(object.keySet());
                keys.sort(GO_KEY_ORDER);
                out.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    JsonStrings.writeAsGo(keys.get(i), out);
                    out.append(':');
                    write(object.get(keys.get(i)), out, depth + 1);
                }
                out.append('}');
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                out.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.get(i), out, depth + 1);
                }
                out.append(']');
            }
            case STRING -> JsonStrings.writeAsGo(((JsonString) value).getString(), out);
            case NUMBER -> out.append(formatFloat64(((JsonNumber) value).bigDecimalValue().doubleValue()));
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    /**
     * Go's encoding/json float64 output: strconv.FormatFloat(f, 'f' or 'e', -1, 64), 'e' below
     * 1e-6 and from 1e21 on, then a one-digit negative exponent loses its padding zero
     * ({@code 1e-07} becomes {@code 1e-7}, "clean up e-09 to e-9" in encode.go).
     */
    static String formatFloat64(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        double abs = Math.abs(d);
        BigDecimal shortest = shortest(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.stripTrailingZeros().toPlainString();
        }
        BigDecimal unscaled = shortest.stripTrailingZeros();
        int exponent = unscaled.precision() - unscaled.scale() - 1;
        String digits = unscaled.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10 && exponent > 0) {
            out.append('0'); // strconv pads to two digits; encoding/json strips it again for e-0X only
        }
        out.append(e);
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code d}, the nearest one among equals, as Go's
     * strconv finds it. Not Double.toString: before JDK 19 it is sometimes longer than needed
     * (JDK-4511638: 4.9E-324 for 5e-324, 2.82879384806159008E17, 9.999999999999999E22 for 1e23).
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** Go sorts map keys by their UTF-8 bytes, which is code point order, not UTF-16 order. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
