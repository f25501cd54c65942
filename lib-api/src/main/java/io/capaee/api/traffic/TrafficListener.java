// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

/** Told of every attempt and of requests no upstream could take (statistics, metrics). */
public interface TrafficListener {
    void attempted(Outcome outcome);

    /** A request of {@code rule} that found every usable upstream's breaker open. */
    default void unavailable(String rule) {}

    /** A request of {@code rule} copied to its mirror. */
    default void mirrored(String rule) {}
}
