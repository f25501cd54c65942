// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.time.Duration;

/**
 * One wasm transformer step: the function {@code function} (revision {@code revision}, or the
 * default revision when empty) of the functions platform receives the payload as its request
 * body and its response body replaces the payload. A non-2xx answer is a failed transformation.
 */
public record WasmTransform(String function, String revision, Duration timeout) {
    /** {@code name} or {@code name/revision}: the path under the functions platform. */
    public String path() {
        return revision == null || revision.isEmpty() ? function : function + "/" + revision;
    }
}
