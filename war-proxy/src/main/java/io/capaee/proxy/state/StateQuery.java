// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import io.capaee.api.json.JsonText;
import io.capaee.api.state.StateEntry;
import io.capaee.proxy.dapr.DaprException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Dapr's state query ({@code {"filter": ..., "sort": [{"key", "order"}], "page": {"limit", "token"}}}), evaluated
 * over a store's entries rather than translated for a database: every entry of the application is read
 * ({@link io.capaee.api.state.StateConnection#scan}), its value parsed as JSON and kept when the {@link QueryFilter}
 * matches (a value that is not JSON matches no filter; with no filter every entry is a result). The results are
 * sorted by the sort keys, then by key, so that pages follow one order; entries without a sort key's field come
 * last whatever the order. A page starts at its {@code token} (the position, as a number, of its first result) and
 * holds at most {@code limit} results (none or 0: all); the answer's token starts the next page while there is one.
 * Each page costs a full read of the store. At most {@value #MAX_MATCHES} matching entries and
 * {@value #MAX_MATCH_CHARS} characters of their values are held for one query: a query that matches more is refused
 * (413 {@code ERR_STATE_QUERY}), to be narrowed by its filter.
 */
record StateQuery(QueryFilter filter, List<Sort> sort, int limit, int offset) {
    static final int MAX_MATCHES = 10_000;
    static final long MAX_MATCH_CHARS = 32L * 1024 * 1024;
    private static final Set<String> PARTS = Set.of("filter", "sort", "page");

    /** One sort key: the field's path, and whether descending. */
    record Sort(String path, boolean descending) {}

    StateQuery {
        sort = List.copyOf(sort);
    }

    static StateQuery parse(String text) {
        JsonValue parsed;
        try {
            parsed = JsonText.parse(text);
        } catch (JsonException e) {
            throw QueryFilter.bad("the query is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof JsonObject query)) {
            throw QueryFilter.bad("the query must be a JSON object with filter, sort and page");
        }
        for (String part : query.keySet()) {
            if (!PARTS.contains(part)) {
                throw QueryFilter.bad("unknown part '" + part + "': filter, sort or page");
            }
        }
        JsonValue filter = query.get("filter");
        boolean all = filter == null || filter instanceof JsonObject o && o.isEmpty();
        JsonObject page = object(query.get("page"), "page");
        return new StateQuery(all ? null : QueryFilter.parse(filter, "filter"), sorts(query.get("sort")),
                number(page.get("limit"), "page.limit"), token(page.get("token")));
    }

    private static List<Sort> sorts(JsonValue value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray items)) {
            throw QueryFilter.bad("sort must be an array of {\"key\", \"order\"}");
        }
        List<Sort> sorts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "sort[" + i + "]";
            JsonObject item = object(items.get(i), at);
            if (!(item.get("key") instanceof JsonString key) || key.getString().isEmpty()) {
                throw QueryFilter.bad(at + " needs a key, the path of a field");
            }
            JsonValue order = item.get("order");
            if (order != null && !(order instanceof JsonString s && (s.getString().equals("ASC") || s.getString().equals("DESC")))) {
                throw QueryFilter.bad(at + ".order must be ASC or DESC, got " + order);
            }
            sorts.add(new Sort(key.getString(), order instanceof JsonString s && s.getString().equals("DESC")));
        }
        return sorts;
    }

    private static JsonObject object(JsonValue value, String at) {
        if (value == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(value instanceof JsonObject object)) {
            throw QueryFilter.bad(at + " must be an object, got " + value);
        }
        return object;
    }

    private static int number(JsonValue value, String at) {
        if (value == null) {
            return 0;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().signum() < 0
                || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw QueryFilter.bad(at + " must be a whole number from 0, got " + value);
        }
        return n.intValue();
    }

    private static int token(JsonValue value) {
        if (value == null || value instanceof JsonString s && s.getString().isEmpty()) {
            return 0;
        }
        if (value instanceof JsonString s && s.getString().matches("[0-9]{1,9}")) {
            return Integer.parseInt(s.getString());
        }
        throw QueryFilter.bad("page.token " + value + " is not a token this server gave: it gives the next page's position as a string");
    }

    /** The page this query asks for, over the entries that {@code scan} hands out a page at a time. */
    QueryPage run(Consumer<Consumer<List<StateEntry>>> scan) {
        List<Match> matches = new ArrayList<>();
        long[] chars = {0};
        scan.accept(entries -> {
            for (StateEntry entry : entries) {
                Optional<JsonValue> document = json(entry.value());
                if (filter == null || document.isPresent() && filter.matches(document.get())) {
                    chars[0] += entry.value().length();
                    if (matches.size() >= MAX_MATCHES || chars[0] > MAX_MATCH_CHARS) {
                        throw new DaprException(413, "ERR_STATE_QUERY", "the query matches more than " + MAX_MATCHES
                                + " entries or " + MAX_MATCH_CHARS + " characters of values, which one query may hold; narrow its filter");
                    }
                    matches.add(new Match(entry, document.orElse(null)));
                }
            }
        });
        matches.sort(order());
        int from = Math.min(offset, matches.size());
        int to = limit == 0 ? matches.size() : (int) Math.min((long) from + limit, matches.size());
        List<StateEntry> results = matches.subList(from, to).stream().map(Match::entry).toList();
        return new QueryPage(results, to < matches.size() ? Integer.toString(to) : null);
    }

    private record Match(StateEntry entry, JsonValue document) {
        Optional<JsonValue> field(String path) {
            return document == null ? Optional.empty() : JsonPaths.at(document, path).filter(v -> v != JsonValue.NULL);
        }
    }

    private Comparator<Match> order() {
        Comparator<Match> order = (a, b) -> 0;
        for (Sort s : sort) {
            Comparator<JsonValue> values = s.descending() ? JsonPaths.ORDER.reversed() : JsonPaths.ORDER;
            order = order.thenComparing(m -> m.field(s.path()), (a, b) -> {
                if (a.isEmpty() || b.isEmpty()) {
                    return Boolean.compare(a.isEmpty(), b.isEmpty());
                }
                return values.compare(a.get(), b.get());
            });
        }
        return order.thenComparing(m -> m.entry().key());
    }

    private static Optional<JsonValue> json(String value) {
        try {
            return Optional.of(JsonText.parse(value));
        } catch (JsonException e) {
            return Optional.empty();
        }
    }
}
