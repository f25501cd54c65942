// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

/** Connect's two connector kinds. */
public enum ConnectorKind {
    /** source (external system) → optional transformer → producer (NATS). */
    INLET,
    /** consumer (NATS) → optional transformer → sink (external system). */
    OUTLET;

    /** {@code inlet} or {@code outlet}, as Connect writes it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
