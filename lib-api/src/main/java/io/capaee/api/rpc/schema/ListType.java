// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/** {@code List(T)}; Java value: a {@code java.util.List} of T's values. */
public record ListType(Type element) implements Type {
    @Override
    public String displayName() {
        return "List(" + element.displayName() + ")";
    }
}
