// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import io.capaee.api.rpc.schema.DynamicStruct;

/** Implemented by every record generated from a Cap'n Proto struct or group. */
public interface CapnpRecord {
    /** This record as a dynamic value of its schema: null components are absent fields. */
    DynamicStruct toDynamic();
}
