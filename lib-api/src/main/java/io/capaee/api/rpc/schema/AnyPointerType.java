// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/**
 * {@code AnyPointer}, {@code AnyStruct}, {@code AnyList} or {@code Capability}: passed through as
 * it is; on decode it becomes a msgpack {@code org.msgpack.value.Value}.
 */
public record AnyPointerType(String kind) implements Type {
    public static final AnyPointerType ANY = new AnyPointerType("AnyPointer");

    @Override
    public String displayName() {
        return kind;
    }
}
