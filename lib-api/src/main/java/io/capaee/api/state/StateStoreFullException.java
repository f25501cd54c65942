// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/** The store has reached its configured entry or byte quota; nothing of the refused request was written. */
public class StateStoreFullException extends StateException {
    private static final long serialVersionUID = 1L;

    public StateStoreFullException(String message) {
        super(message);
    }
}
