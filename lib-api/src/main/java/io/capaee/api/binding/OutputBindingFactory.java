// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Hands out connections to one output binding; look it up as {@code eis/binding/<name>}. */
public interface OutputBindingFactory {
    /** A connection for a short unit of work, to close afterwards; never null. */
    OutputBinding getConnection();
}
