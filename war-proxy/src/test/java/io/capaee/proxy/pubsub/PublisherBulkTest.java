// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.proxy.component.JndiComponents;
import io.capaee.proxy.dapr.DaprException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bulk publish as both APIs share it, on a broker that refuses the messages that say "refuse". */
class PublisherBulkTest {
    private final List<String> published = new ArrayList<>();
    private final Publisher publisher = new Publisher(new JndiComponents() {
        @Override
        public <T> Optional<T> find(String kind, String name, Class<T> type) {
            return kind.equals("pubsub") && name.equals("pubsub") ? Optional.of(type.cast(new FakeBroker(published))) : Optional.empty();
        }
    }, "bulk-test");

    private static BulkEntry entry(String id, String text) {
        return new BulkEntry(id, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @Test
    void theEntriesTheBrokerRefusesComeBackAndTheOthersArePublished() {
        List<BulkFailure> failed = publisher.publishBulk("pubsub", "orders", List.of(entry("a", "one"), entry("b", "refuse me"),
                entry("c", "three")), true);
        assertEquals(List.of("one", "three"), published);
        assertEquals(List.of("b"), failed.stream().map(BulkFailure::entryId).toList());
        assertTrue(!failed.get(0).error().contains("10.0.0.9"), "the broker's address stays in the log: " + failed.get(0).error());
    }

    @Test
    void eachEntryGoesInItsOwnCloudEventUnlessRaw() {
        publisher.publishBulk("pubsub", "orders", List.of(entry("a", "hello")), false);
        assertTrue(published.get(0).contains("\"data\":\"hello\"") && published.get(0).contains("\"source\":\"bulk-test\""), published.get(0));
    }

    @Test
    void aRepeatedOrEmptyEntryIdPublishesNothing() {
        DaprException repeated = assertThrows(DaprException.class,
                () -> publisher.publishBulk("pubsub", "orders", List.of(entry("a", "one"), entry("a", "two")), true));
        assertEquals("ERR_PUBSUB_EVENTS_SER", repeated.errorCode());
        assertTrue(repeated.getMessage().contains("entry 1"), repeated.getMessage());
        assertEquals(400, assertThrows(DaprException.class, () -> publisher.publishBulk("pubsub", "orders", List.of(entry("", "x")), true)).status());
        assertEquals(List.of(), published);
    }

    @Test
    void anUnknownPubsubIsNotFound() {
        assertEquals(404, assertThrows(DaprException.class, () -> publisher.publishBulk("nope", "orders", List.of(entry("a", "x")), true)).status());
    }
}
