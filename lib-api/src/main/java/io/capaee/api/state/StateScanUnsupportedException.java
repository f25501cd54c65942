// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

/** A state store that cannot list its entries ({@link StateConnection#scan}), so cannot answer a query. */
public class StateScanUnsupportedException extends StateException {
    private static final long serialVersionUID = 1L;

    public StateScanUnsupportedException(String message) {
        super(message);
    }
}
