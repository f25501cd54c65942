// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.state.StateEntry;
import io.capaee.proxy.dapr.DaprException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dapr's state query evaluated over fixed entries (Dapr's own example data, shortened), in scan pages of two. */
class StateQueryTest {
    private static final List<StateEntry> EMPLOYEES = List.of(
            entry("1", "{\"person\":{\"org\":\"Dev Ops\",\"id\":1036},\"city\":\"Seattle\",\"state\":\"WA\"}"),
            entry("2", "{\"person\":{\"org\":\"Hardware\",\"id\":1028},\"city\":\"Portland\",\"state\":\"OR\"}"),
            entry("3", "{\"person\":{\"org\":\"Finance\",\"id\":1071},\"city\":\"Sacramento\",\"state\":\"CA\"}"),
            entry("4", "{\"person\":{\"org\":\"Dev Ops\",\"id\":1042},\"city\":\"Spokane\",\"state\":\"WA\"}"),
            entry("5", "{\"person\":{\"org\":\"Finance\",\"id\":1007},\"city\":\"San Francisco\",\"state\":\"CA\"}"),
            entry("6", "{\"person\":{\"org\":\"Dev Ops\"},\"city\":\"Redmond\",\"state\":\"WA\"}"),
            entry("7", "not json at all"),
            entry("8", "[1,2,3]"));

    private static StateEntry entry(String key, String value) {
        return new StateEntry(key, value, "etag-" + key);
    }

    private static QueryPage run(String query) {
        return run(query, EMPLOYEES);
    }

    private static QueryPage run(String query, List<StateEntry> entries) {
        return StateQuery.parse(query).run(page -> {
            for (int i = 0; i < entries.size(); i += 2) {
                page.accept(entries.subList(i, Math.min(entries.size(), i + 2)));
            }
        });
    }

    private static List<String> keys(QueryPage page) {
        return page.results().stream().map(StateEntry::key).toList();
    }

    private static DaprException refused(String query) {
        DaprException e = assertThrows(DaprException.class, () -> run(query));
        assertEquals(400, e.status(), e.getMessage());
        assertEquals("ERR_STATE_QUERY", e.errorCode());
        return e;
    }

    @Test
    void anEmptyQueryAnswersEveryEntryInKeyOrderWhetherJsonOrNot() {
        QueryPage page = run("{}");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), keys(page));
        assertEquals("etag-7", page.results().get(6).etag());
        assertNull(page.token());
        assertEquals(keys(page), keys(run("{\"filter\":{}}")));
    }

    @Test
    void eqFollowsADottedPathIntoNestedObjects() {
        assertEquals(List.of("1", "4", "6"), keys(run("{\"filter\":{\"EQ\":{\"person.org\":\"Dev Ops\"}}}")));
        assertEquals(List.of("3"), keys(run("{\"filter\":{\"EQ\":{\"person.id\":1071.0}}}")), "1071 and 1071.0 are one number");
    }

    @Test
    void inMatchesAnyOfItsValues() {
        assertEquals(List.of("2", "3", "5"), keys(run("{\"filter\":{\"IN\":{\"state\":[\"CA\",\"OR\"]}}}")));
    }

    @Test
    void andAndOrCombineFiltersAsDaprsExampleDoes() {
        String query = "{\"filter\":{\"OR\":[{\"EQ\":{\"person.org\":\"Hardware\"}},"
                + "{\"AND\":[{\"EQ\":{\"person.org\":\"Dev Ops\"}},{\"IN\":{\"city\":[\"Seattle\",\"Redmond\"]}}]}]}}";
        assertEquals(List.of("1", "2", "6"), keys(run(query)));
    }

    @Test
    void comparisonsOrderNumbersByValueAndStringsByCharacters() {
        assertEquals(List.of("1", "4", "3"), keys(run("{\"filter\":{\"GT\":{\"person.id\":1028}},\"sort\":[{\"key\":\"person.id\"}]}")));
        assertEquals(List.of("2", "5"), keys(run("{\"filter\":{\"LTE\":{\"person.id\":1028}}}")));
        assertEquals(List.of("5", "3", "6", "2"),
                keys(run("{\"filter\":{\"LT\":{\"city\":\"Seattle\"}},\"sort\":[{\"key\":\"city\",\"order\":\"DESC\"}]}")));
        assertEquals(List.of(), keys(run("{\"filter\":{\"GTE\":{\"person.id\":\"1000\"}}}")), "a number never compares with a string");
    }

    @Test
    void aMissingFieldMatchesNothingNotEvenNeq() {
        assertEquals(List.of("1", "2", "3", "4", "5"), keys(run("{\"filter\":{\"NEQ\":{\"person.id\":0}}}")));
        assertEquals(List.of(), keys(run("{\"filter\":{\"EQ\":{\"person.org.name\":\"x\"}}}")));
    }

    @Test
    void aValueThatIsNotAJsonObjectMatchesNoFilter() {
        List<String> all = keys(run("{\"filter\":{\"NEQ\":{\"city\":\"nowhere\"}}}"));
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), all);
    }

    @Test
    void sortKeysApplyInTurnThenTheKeyAndMissingFieldsComeLastEitherWay() {
        assertEquals(List.of("3", "5", "2", "4", "1", "6", "7", "8"),
                keys(run("{\"sort\":[{\"key\":\"state\"},{\"key\":\"person.id\",\"order\":\"DESC\"}]}")));
        assertEquals(List.of("4", "1", "6", "3", "5", "2", "7", "8"),
                keys(run("{\"sort\":[{\"key\":\"person.org\",\"order\":\"ASC\"},{\"key\":\"person.id\",\"order\":\"DESC\"}]}")));
        assertEquals(List.of("3", "4", "1", "2", "5", "6", "7", "8"), keys(run("{\"sort\":[{\"key\":\"person.id\",\"order\":\"DESC\"}]}")));
    }

    @Test
    void pagesFollowOneOrderAndTheTokenStartsTheNextPage() {
        String filter = "\"filter\":{\"EQ\":{\"person.org\":\"Dev Ops\"}},\"sort\":[{\"key\":\"city\"}]";
        QueryPage first = run("{" + filter + ",\"page\":{\"limit\":2}}");
        assertEquals(List.of("6", "1"), keys(first));
        assertEquals("2", first.token());
        QueryPage second = run("{" + filter + ",\"page\":{\"limit\":2,\"token\":\"" + first.token() + "\"}}");
        assertEquals(List.of("4"), keys(second));
        assertNull(second.token(), "the last page has no token");
        assertEquals(List.of(), keys(run("{" + filter + ",\"page\":{\"limit\":2,\"token\":\"9\"}}")));
    }

    @Test
    void aLimitOfZeroMeansEveryResult() {
        assertEquals(8, run("{\"page\":{\"limit\":0}}").results().size());
    }

    @Test
    void anUnknownOperatorIsRefusedNamingWhereItIs() {
        String message = refused("{\"filter\":{\"AND\":[{\"EQ\":{\"a\":1}},{\"LIKE\":{\"a\":\"x%\"}}]}}").getMessage();
        assertTrue(message.contains("filter.AND[1]") && message.contains("'LIKE'"), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json                                        | not valid JSON",
        "[]                                               | JSON object",
        "{\"filters\":{}}                                 | 'filters'",
        "{\"filter\":{\"EQ\":{\"a\":1},\"IN\":{\"a\":[1]}}} | one operator",
        "{\"filter\":{\"EQ\":{\"a\":1,\"b\":2}}}          | filter.EQ",
        "{\"filter\":{\"EQ\":{\"a\":{\"b\":1}}}}          | filter.EQ",
        "{\"filter\":{\"IN\":{\"a\":1}}}                  | filter.IN",
        "{\"filter\":{\"OR\":[]}}                         | filter.OR",
        "{\"sort\":[{\"order\":\"ASC\"}]}                 | sort[0]",
        "{\"sort\":[{\"key\":\"a\",\"order\":\"UP\"}]}    | sort[0].order",
        "{\"page\":{\"limit\":-1}}                        | page.limit",
        "{\"page\":{\"limit\":1.5}}                       | page.limit",
        "{\"page\":{\"token\":\"abc\"}}                   | page.token",
        "{\"page\":{\"token\":7}}                         | page.token",
    })
    void aMalformedQueryIsRefusedNamingTheBadPart(String query, String named) {
        String message = refused(query.strip()).getMessage();
        assertTrue(message.contains(named.strip()), message);
    }

    @Test
    void aQueryMatchingMoreThanOneQueryMayHoldIsRefused() {
        List<StateEntry> many = new ArrayList<>();
        for (int i = 0; i <= StateQuery.MAX_MATCHES; i++) {
            many.add(entry("k" + i, "{\"n\":" + i + "}"));
        }
        DaprException e = assertThrows(DaprException.class, () -> run("{\"filter\":{\"GTE\":{\"n\":0}}}", many));
        assertEquals(413, e.status());
        assertEquals(1, run("{\"filter\":{\"EQ\":{\"n\":7}}}", many).results().size(), "a narrower filter is fine");
    }
}
