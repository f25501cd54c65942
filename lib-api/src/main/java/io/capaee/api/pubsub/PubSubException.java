// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.pubsub;

import io.capaee.api.CapaException;

/** A broker could not do what was asked. */
public class PubSubException extends CapaException {
    private static final long serialVersionUID = 1L;

    public PubSubException(String message) {
        super(message);
    }

    public PubSubException(String message, Throwable cause) {
        super(message, cause);
    }
}
