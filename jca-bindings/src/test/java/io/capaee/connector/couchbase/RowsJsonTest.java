// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.couchbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.couchbase.client.java.json.JsonArray;
import com.couchbase.client.java.json.JsonObject;
import io.capaee.api.query.QueryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsJsonTest {

    @Test
    void noRowsGiveAnEmptyArrayNotNull() {
        assertEquals("[]", RowsJson.toJson(List.of()));
        assertEquals("[]", RowsJson.toJson(null));
    }

    @Test
    void objectKeysAreSortedAtEveryDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", 2);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "ada");
        row.put("address", inner);
        row.put("id", 7);
        assertEquals("[{\"address\":{\"a\":2,\"z\":1},\"id\":7,\"name\":\"ada\"}]", RowsJson.toJson(List.of(row)));
    }

    @Test
    void theOutputIsCompact() {
        assertEquals("[{\"a\":[1,2,{\"b\":null}]},[],{}]",
                RowsJson.toJson(List.of(Map.of("a", Arrays.asList(1, 2, nullValued("b"))), List.of(), Map.of())));
    }

    @Test
    void scalarsAndRawRowsAreWrittenAsJsonValues() {
        assertEquals("[1,\"two\",true,null,2.5,12345678901234567890,1.10]",
                RowsJson.toJson(Arrays.asList(1, "two", true, null, 2.5,
                        new BigInteger("12345678901234567890"), new BigDecimal("1.10"))));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("[\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 café\"]",
                RowsJson.toJson(List.of("quote \" backslash \\ newline \n tab \t bell \u0007 café")));
    }

    @Test
    void couchbaseJsonObjectsAreConvertedWithSortedKeys() {
        JsonObject row = JsonObject.create().put("b", 1).put("a", JsonArray.from("x", 2)).putNull("c");
        assertEquals("[{\"a\":[\"x\",2],\"b\":1,\"c\":null}]", RowsJson.toJson(List.of(row)));
    }

    @Test
    void aValueWithNoJsonFormIsAQueryException() {
        assertThrows(QueryException.class, () -> RowsJson.toJson(List.of(new Object())));
        assertThrows(QueryException.class, () -> RowsJson.toJson(List.of(Double.NaN)));
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, null);
        return m;
    }
}
