// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.lock;

/** Dapr's unlock results; {@link #code()} is the number Dapr's HTTP API answers. */
public enum UnlockStatus {
    SUCCESS(0),
    LOCK_DOES_NOT_EXIST(1),
    LOCK_BELONGS_TO_OTHERS(2),
    INTERNAL_ERROR(3);

    private final int code;

    UnlockStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
