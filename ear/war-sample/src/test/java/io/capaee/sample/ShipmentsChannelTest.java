// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShipmentsChannelTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageMarkedRejectOnceFailsTheFirstTimeOnly() {
        ShipmentsChannel channel = new ShipmentsChannel();
        assertThrows(IllegalStateException.class, () -> channel.receive(bytes("order 1 reject-once")));
        channel.receive(bytes("order 1 reject-once"));
        assertEquals(1, channel.received().size());
    }

    @Test
    void whatTheChannelRemembersStaysBoundedWhateverComes() {
        ShipmentsChannel channel = new ShipmentsChannel();
        for (int i = 0; i < 10 * ShipmentsChannel.KEPT; i++) {
            String text = "order " + i + " reject-once";
            assertThrows(IllegalStateException.class, () -> channel.receive(bytes(text)));
            channel.receive(bytes("order " + i));
        }
        assertEquals(ShipmentsChannel.KEPT, channel.rejectedRemembered());
        assertEquals(ShipmentsChannel.KEPT, channel.received().size());
    }
}
