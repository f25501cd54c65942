// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

/**
 * The two generations of the Capsule 0.1.x guest ABI. They differ in the arity of
 * {@code callHandleHttp} and in the separator between header items; they are not wire-compatible.
 */
public enum AbiGeneration {
    /** Capsule 0.1.3 to 0.1.8: {@code callHandleHttp(body, headers)}, items joined by {@code |}. */
    V0_1_3("|", 4),
    /** Capsule 0.1.9: {@code callHandleHttp(body, uri, headers, method)}, items joined by {@code ²}. */
    V0_1_9("\u00b2", 8);

    private final String headerSeparator;
    private final int httpHandlerParams;

    AbiGeneration(String headerSeparator, int httpHandlerParams) {
        this.headerSeparator = headerSeparator;
        this.httpHandlerParams = httpHandlerParams;
    }

    public String headerSeparator() {
        return headerSeparator;
    }

    public int httpHandlerParams() {
        return httpHandlerParams;
    }
}
