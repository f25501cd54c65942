// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/** The one value of Cap'n Proto's {@code Void} (a set Void field or union member). */
public enum VoidValue {
    VOID
}
