// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

/** Handles one message; true when the broker may forget it, false to have it delivered again later. */
@FunctionalInterface
public interface MessageHandler {
    boolean handle(byte[] message);
}
