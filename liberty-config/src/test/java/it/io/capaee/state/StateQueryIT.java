// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.state;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dapr's state query ({@code POST /v1.0-alpha1/state/{store}/query}) on the Redis store: a filter, a sort and
 * pages. The store holds other tests' entries too, so every query here filters on this test's own {@code run}.
 */
class StateQueryIT {
    private static final String QUERY = "/v1.0-alpha1/state/statestore/query";
    private final String run = Dapr.unique("query");

    @BeforeEach
    void save() throws Exception {
        HttpResponse<String> r = Dapr.post("/v1.0/state/statestore", "["
                + item("a", "{\"run\":\"" + run + "\",\"person\":{\"org\":\"Dev Ops\"},\"city\":\"Seattle\"}") + ","
                + item("b", "{\"run\":\"" + run + "\",\"person\":{\"org\":\"Finance\"},\"city\":\"Sacramento\"}") + ","
                + item("c", "{\"run\":\"" + run + "\",\"person\":{\"org\":\"Dev Ops\"},\"city\":\"Redmond\"}") + ","
                + item("d", "\"" + run + " is not an object\"") + "]");
        assertEquals(204, r.statusCode(), r.body());
    }

    private String item(String key, String value) {
        return "{\"key\":\"" + run + "-" + key + "\",\"value\":" + value + "}";
    }

    @AfterEach
    void cleanUp() {
        Dapr.deleteRedisKeys(run);
    }

    private List<String> keys(JsonObject answer) {
        return answer.getJsonArray("results").stream().map(r -> r.asJsonObject().getString("key").substring(run.length() + 1)).toList();
    }

    @Test
    void aFilteredSortedQueryIsAnsweredAPageAtATime() throws Exception {
        String query = "{\"filter\":{\"AND\":[{\"EQ\":{\"run\":\"" + run + "\"}},{\"IN\":{\"person.org\":[\"Dev Ops\",\"Finance\"]}}]},"
                + "\"sort\":[{\"key\":\"city\",\"order\":\"DESC\"}],\"page\":{\"limit\":2%s}}";
        HttpResponse<String> first = Dapr.post(QUERY, String.format(query, ""));
        assertEquals(200, first.statusCode(), first.body());
        JsonObject page = Dapr.json(first.body()).asJsonObject();
        assertEquals(List.of("a", "b"), keys(page), first.body());
        JsonObject a = page.getJsonArray("results").getJsonObject(0);
        assertEquals("Seattle", a.getJsonObject("data").getString("city"), "data is the value as JSON");
        assertFalse(a.getString("etag").isEmpty());

        HttpResponse<String> second = Dapr.post(QUERY, String.format(query, ",\"token\":\"" + page.getString("token") + "\""));
        JsonObject last = Dapr.json(second.body()).asJsonObject();
        assertEquals(List.of("c"), keys(last), second.body());
        assertFalse(last.containsKey("token"), "no token after the last page: " + second.body());
    }

    @Test
    void aValueThatIsNotAJsonObjectMatchesNoFilter() throws Exception {
        HttpResponse<String> r = Dapr.post(QUERY, "{\"filter\":{\"EQ\":{\"run\":\"" + run + "\"}}}");
        assertEquals(List.of("a", "b", "c"), keys(Dapr.json(r.body()).asJsonObject()), r.body());
    }

    @Test
    void aBadQueryIsRefusedNamingTheBadPart() throws Exception {
        String unknown = assertError(Dapr.post(QUERY, "{\"filter\":{\"OR\":[{\"EQ\":{\"run\":\"x\"}},{\"MATCHES\":{\"run\":\"x\"}}]}}"),
                400, "ERR_STATE_QUERY").getString("message");
        assertTrue(unknown.contains("filter.OR[1]") && unknown.contains("'MATCHES'"), unknown);
        assertTrue(assertError(Dapr.post(QUERY, "{\"filter\":"), 400, "ERR_STATE_QUERY").getString("message").contains("not valid JSON"));
        assertTrue(assertError(Dapr.post(QUERY, "{\"page\":{\"token\":\"next-please\"}}"), 400, "ERR_STATE_QUERY")
                .getString("message").contains("page.token"));
        assertError(Dapr.post("/v1.0-alpha1/state/nostore/query", "{}"), 400, "ERR_STATE_STORE_NOT_FOUND");
        assertTrue(JsonValue.ValueType.OBJECT == Dapr.json(Dapr.post(QUERY, "{\"filter\":{\"EQ\":{\"run\":\"none\"}}}").body()).getValueType());
    }
}
