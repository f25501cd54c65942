// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

/**
 * The four strings handed to {@code callHandleHttp}; 0.1.3 guests take only body and headers.
 */
public record GuestHttpRequest(String body, String uri, String headers, String method) {}
