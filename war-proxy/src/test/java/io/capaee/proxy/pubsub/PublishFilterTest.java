// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishFilterTest {
    @Test
    void aPublishPathNamesPubsubAndTopic() {
        assertArrayEquals(new String[] {"pubsub", "orders"}, PublishFilter.target("/v1.0/publish/pubsub/orders"));
    }

    @Test
    void aTopicMaySpanSegmentsAndIsPercentDecodedAsJaxRsDecodesPathParameters() {
        assertArrayEquals(new String[] {"kafka", "shop/orders a+b"}, PublishFilter.target("/v1.0/publish/kafka/shop/orders%20a+b"));
    }

    @Test
    void everyOtherShapeIsLeftToJaxRs() {
        assertNull(PublishFilter.target("/v1.0/publish"));
        assertNull(PublishFilter.target("/v1.0/publish/"));
        assertNull(PublishFilter.target("/v1.0/publish/pubsub"));
        assertNull(PublishFilter.target("/v1.0/publish/pubsub/"));
        assertNull(PublishFilter.target("/v1.0/publish//orders"));
        assertNull(PublishFilter.target("/v1.0/publish/pubsub/a//b"));
        assertNull(PublishFilter.target("/v1.0/publish/bulk/pubsub/orders"), "the bulk publish");
        assertNull(PublishFilter.target("/v1.0-alpha1/publish/bulk/pubsub/orders"));
        assertNull(PublishFilter.target("/v1.0/publish/pubsub/%FF"), "JAX-RS refuses a topic that is not UTF-8");
    }

    @Test
    void onlyNoQueryOrAPlainRawPayloadIsReadHere() {
        assertTrue(PublishFilter.simpleQuery(null));
        assertTrue(PublishFilter.simpleQuery("metadata.rawPayload=true"));
        assertTrue(PublishFilter.simpleQuery("metadata.rawPayload=FALSE"));
        assertFalse(PublishFilter.simpleQuery("metadata.rawPayload=maybe"), "JAX-RS answers the 400");
        assertFalse(PublishFilter.simpleQuery("metadata.rawPayload=true&metadata.ttlInSeconds=5"));
        assertFalse(PublishFilter.simpleQuery("metadata.rawPayload=tr%75e"));
        assertFalse(PublishFilter.simpleQuery(""));
    }
}
