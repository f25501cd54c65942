// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

/** The broker has reached its configured message or byte quota; the message was not published. */
public class PubSubFullException extends PubSubException {
    private static final long serialVersionUID = 1L;

    public PubSubFullException(String message) {
        super(message);
    }
}
