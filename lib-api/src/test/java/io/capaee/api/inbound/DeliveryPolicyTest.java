// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.InvalidValueException;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    @Test
    void backoffStartsAtTheInitialPauseAndDoublesUpToTheCap() {
        DeliveryPolicy policy = new DeliveryPolicy(10, 100, 500);
        assertEquals(100, policy.backoffBefore(2));
        assertEquals(200, policy.backoffBefore(3));
        assertEquals(400, policy.backoffBefore(4));
        assertEquals(500, policy.backoffBefore(5));
        assertEquals(500, policy.backoffBefore(Integer.MAX_VALUE));
    }

    @Test
    void aZeroBackoffRetriesAtOnce() {
        assertEquals(0, new DeliveryPolicy(3, 0, 0).backoffBefore(3));
    }

    @Test
    void anotherAttemptFollowsUntilTheAttemptsAreSpent() {
        DeliveryPolicy policy = new DeliveryPolicy(3, 0, 0);
        assertTrue(policy.retriesAfter(1));
        assertTrue(policy.retriesAfter(2));
        assertFalse(policy.retriesAfter(3));
        assertFalse(new DeliveryPolicy(1, 0, 0).retriesAfter(1));
    }

    @Test
    void aPolicyThatCannotWorkNamesItsField() {
        assertEquals("maxAttempts", assertThrows(InvalidValueException.class, () -> new DeliveryPolicy(0, 1, 1)).field());
        InvalidValueException negative = assertThrows(InvalidValueException.class, () -> new DeliveryPolicy(1, -1, 1));
        assertEquals("initialBackoffMillis", negative.field());
        assertEquals("-1 must be 0 or more", negative.problem());
        InvalidValueException capBelowStart = assertThrows(InvalidValueException.class, () -> new DeliveryPolicy(1, 10, 5));
        assertEquals("maxBackoffMillis", capBelowStart.field());
        assertTrue(capBelowStart.getMessage().startsWith("maxBackoffMillis: 5 must be at least"), capBelowStart.getMessage());
    }
}
