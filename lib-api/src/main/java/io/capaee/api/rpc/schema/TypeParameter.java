// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/** An unbound generic parameter ({@code T} of {@code struct Box(T)}); encoded like AnyPointer. */
public record TypeParameter(String name) implements Type {
    @Override
    public String displayName() {
        return name;
    }
}
