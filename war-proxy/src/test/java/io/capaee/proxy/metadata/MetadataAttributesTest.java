// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.proxy.dapr.DaprException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataAttributesTest {
    private final MetadataAttributes attributes = new MetadataAttributes();

    @Test
    void whatIsSetShowsInTheExtendedMapBesideTheRuntimeVersion() {
        attributes.set("team", "billing");
        attributes.set("team", "payments");
        attributes.set("empty", "");
        assertEquals(Map.of("team", "payments", "empty", "", "daprRuntimeVersion", MetadataSnapshot.RUNTIME_VERSION), attributes.extended());
    }

    @Test
    void theRuntimeVersionCannotBeOverwritten() {
        attributes.set("daprRuntimeVersion", "9.9.9");
        assertEquals(MetadataSnapshot.RUNTIME_VERSION, attributes.extended().get("daprRuntimeVersion"));
    }

    @Test
    void aKeyBeyondTheLimitIsRefusedButAKeyAlreadySetCanChange() {
        for (int i = 0; i < MetadataAttributes.MAX_KEYS; i++) {
            attributes.set("k" + i, "v");
        }
        DaprException e = assertThrows(DaprException.class, () -> attributes.set("one-more", "v"));
        assertEquals(413, e.status());
        assertEquals("ERR_METADATA_SET", e.errorCode());
        assertTrue(e.getMessage().contains("at most " + MetadataAttributes.MAX_KEYS), e.getMessage());
        attributes.set("k0", "changed");
        assertEquals("changed", attributes.extended().get("k0"));
        assertEquals(MetadataAttributes.MAX_KEYS + 1, attributes.extended().size());
    }

    @Test
    void aValueOrKeyTooLargeAndAnEmptyKeyAreRefusedAndNothingChanges() {
        DaprException big = assertThrows(DaprException.class, () -> attributes.set("big", "é".repeat(MetadataAttributes.MAX_VALUE_BYTES / 2 + 1)));
        assertEquals(413, big.status());
        assertTrue(big.getMessage().contains("'big'"), big.getMessage());
        assertEquals(413, assertThrows(DaprException.class, () -> attributes.set("k".repeat(MetadataAttributes.MAX_KEY_CHARS + 1), "v")).status());
        assertEquals(400, assertThrows(DaprException.class, () -> attributes.set(" ", "v")).status());
        attributes.set("fits", "x".repeat(MetadataAttributes.MAX_VALUE_BYTES));
        assertEquals(Map.of("fits", "x".repeat(MetadataAttributes.MAX_VALUE_BYTES), "daprRuntimeVersion", MetadataSnapshot.RUNTIME_VERSION),
                attributes.extended());
    }
}
