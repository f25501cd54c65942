// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import java.util.Locale;
import java.util.Objects;

/** One operation of a transaction: an upsert of {@code item}, or a delete of its key. */
public record StateOperation(Type type, StateItem item) {
    public enum Type {
        UPSERT,
        DELETE;

        /** Dapr's names, {@code upsert} and {@code delete}. */
        public static Type parse(String value) {
            return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
                case "upsert" -> UPSERT;
                case "delete" -> DELETE;
                default -> throw new UnsupportedStateOperationException(value);
            };
        }
    }

    public StateOperation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(item, "item");
    }

    public static StateOperation upsert(StateItem item) {
        return new StateOperation(Type.UPSERT, item);
    }

    public static StateOperation delete(StateItem item) {
        return new StateOperation(Type.DELETE, item);
    }
}
